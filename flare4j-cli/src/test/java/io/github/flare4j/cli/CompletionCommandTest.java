package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.flare4j.cli.CliRunner.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flare4j completion}: scripts that a shell can load, naming every command and option. */
class CompletionCommandTest {
  @TempDir Path dir;

  @Test
  void bashCompletesCommandsAndOptionsWhenTheScriptIsLoaded() throws Exception {
    Result result = CliRunner.run("completion", "bash");
    assertThat(result.exitCode()).as("%s", result).isZero();
    assumeThat(Files.isExecutable(Path.of("/bin/bash"))).as("bash is installed").isTrue();
    Path script = dir.resolve("flare4j.bash");
    Files.writeString(script, result.out());

    assertThat(complete(script, "flare4j ch", 1)).isEqualTo("chat");
    assertThat(complete(script, "flare4j chat --sta", 2)).isEqualTo("--stats");
    assertThat(complete(script, "flare4j chat --transport ", 3).split(" "))
        .containsExactlyInAnyOrder("auto", "agents", "inference");
  }

  /** What bash offers for {@code line} with the cursor on word {@code word}. */
  private static String complete(Path script, String line, int word)
      throws IOException, InterruptedException {
    String command = "source " + script + "; COMP_LINE='" + line + "'; COMP_WORDS=(" + line
        + (line.endsWith(" ") ? "''" : "") + "); COMP_CWORD=" + word
        + "; COMP_POINT=${#COMP_LINE}; _complete_flare4j; echo \"${COMPREPLY[*]}\"";
    Process bash = new ProcessBuilder("/bin/bash", "-c", command)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void zshLoadsTheBashScriptThroughBashcompinit() {
    Result result = CliRunner.run("completion", "zsh");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).startsWith("autoload -U +X compinit && compinit\n"
        + "autoload -U +X bashcompinit && bashcompinit\n").contains("_complete_flare4j");
  }

  @Test
  void fishNamesEveryCommandAndTheOptionsWithTheirValues() {
    Result result = CliRunner.run("completion", "fish");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines())
        .contains("complete -c flare4j -f")
        .anySatisfy(line -> assertThat(line)
            .startsWith("complete -c flare4j -n __fish_use_subcommand -a chat -d '"))
        .anySatisfy(line -> assertThat(line)
            .startsWith("complete -c flare4j -n '__fish_seen_subcommand_from chat' -s m -l model -r"))
        .anySatisfy(line -> assertThat(line)
            .contains("'__fish_seen_subcommand_from chat' -l transport -r -a 'auto agents inference'"))
        .anySatisfy(line -> assertThat(line)
            .contains("'__fish_seen_subcommand_from chat' -l image -rF"))
        .contains("complete -c flare4j -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    Result result = CliRunner.run("completion", "powershell");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("bash, zsh, fish");
  }
}
