package io.github.flare4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code flare4j completion bash|zsh|fish}: prints a completion script for the shell. Bash's is
 * picocli's generator; zsh runs the same script through its bash compatibility; fish's is written
 * here from the same command model, so the three never disagree about a command or an option.
 */
@Command(
    name = "completion",
    description = "Print a shell completion script: bash, zsh or fish.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(flare4j completion bash)          (in ~/.bashrc)",
      "  source <(flare4j completion zsh)           (in ~/.zshrc)",
      "  flare4j completion fish > ~/.config/fish/completions/flare4j.fish"
    })
final class CompletionCommand implements Callable<Integer> {
  /** The shells a script can be made for. */
  enum Shell { bash, zsh, fish }

  @ParentCommand
  Flare4jCli cli;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
  Shell shell;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script = switch (shell) {
      case bash -> AutoComplete.bash("flare4j", root);
      case zsh -> "autoload -U +X compinit && compinit\n"
          + "autoload -U +X bashcompinit && bashcompinit\n" + AutoComplete.bash("flare4j", root);
      case fish -> fish(root.getCommandSpec());
    };
    cli.context().out().print(script);
    cli.context().out().flush();
    return ExitCodes.OK;
  }

  /** A fish script: the commands, then each command's options with their values. */
  static String fish(CommandSpec root) {
    List<String> lines = new ArrayList<>();
    lines.add("# fish completion for flare4j: flare4j completion fish > "
        + "~/.config/fish/completions/flare4j.fish");
    lines.add("complete -c flare4j -f");
    for (Map.Entry<String, CommandLine> sub : root.subcommands().entrySet()) {
      lines.add("complete -c flare4j -n __fish_use_subcommand -a " + sub.getKey()
          + description(sub.getValue().getCommandSpec().usageMessage().description()));
    }
    for (OptionSpec option : root.options()) {
      lines.add(option(option, "__fish_use_subcommand"));
    }
    for (Map.Entry<String, CommandLine> sub : root.subcommands().entrySet()) {
      String when = "'__fish_seen_subcommand_from " + sub.getKey() + "'";
      CommandSpec command = sub.getValue().getCommandSpec();
      for (OptionSpec option : command.options()) {
        lines.add(option(option, when));
      }
      if (sub.getKey().equals("completion")) {
        lines.add("complete -c flare4j -n " + when + " -a 'bash zsh fish'");
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static String option(OptionSpec option, String when) {
    StringBuilder line = new StringBuilder("complete -c flare4j -n " + when);
    for (String name : option.names()) {
      if (name.startsWith("--")) {
        line.append(" -l ").append(name.substring(2));
      } else if (name.startsWith("-") && name.length() == 2) {
        line.append(" -s ").append(name.substring(1));
      }
    }
    if (option.arity().max() > 0) {
      Class<?> type = option.auxiliaryTypes()[0]; // the element type of a repeatable option
      boolean file = type == java.nio.file.Path.class || type == java.io.File.class;
      line.append(file ? " -rF" : " -r");
      Iterable<String> candidates = option.completionCandidates();
      if (candidates != null) {
        List<String> values = new ArrayList<>();
        candidates.forEach(values::add);
        if (!values.isEmpty()) {
          line.append(" -a ").append(quote(String.join(" ", values)));
        }
      }
    }
    return line.append(description(option.description())).toString();
  }

  private static String description(String[] lines) {
    if (lines == null || lines.length == 0) {
      return "";
    }
    String first = lines[0].replace("%n", " ").strip();
    int stop = first.indexOf(". ");
    return " -d " + quote(stop > 0 ? first.substring(0, stop) : first.replaceAll("\\.$", ""));
  }

  /** A fish single-quoted word. */
  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
