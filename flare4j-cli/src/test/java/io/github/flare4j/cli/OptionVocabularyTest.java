package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One vocabulary: the options several commands share are declared once, in a mixin, and every
 * command where they apply takes them from it, so that a name or its meaning cannot drift between
 * commands (read from picocli's model of the commands, as {@code flare4j --help} and completion
 * see them).
 */
class OptionVocabularyTest {
  /** The shared groups: each mixin class, and its option names. */
  private static final Map<Class<?>, Set<String>> GROUPS = Map.of(
      ProviderOptions.class, Set.of("--provider", "--account-id", "--api-token-file", "--gateway"),
      ServiceOptions.class, Set.of("--base-url", "--cache-dir", "--proxy", "--browser-window",
          "--idle-timeout"),
      PlaygroundOptions.class, Set.of("--transport", "--no-browser"),
      CallLimits.class, Set.of("--timeout", "--retries"),
      DebugOption.class, Set.of("--debug"));

  /**
   * Which groups each command takes. embed is Workers AI's only (no playground options); serve
   * and models make no single call to limit (the gateway's clients set their own limits, and the
   * model list is one request under the client's timeouts).
   */
  private static final Map<String, Set<Class<?>>> EXPECTED = Map.of(
      "chat", Set.of(ProviderOptions.class, ServiceOptions.class, PlaygroundOptions.class,
          CallLimits.class, DebugOption.class),
      "models", Set.of(ProviderOptions.class, ServiceOptions.class, PlaygroundOptions.class,
          DebugOption.class),
      "embed", Set.of(ProviderOptions.class, ServiceOptions.class, CallLimits.class,
          DebugOption.class),
      "serve", Set.of(ProviderOptions.class, ServiceOptions.class, PlaygroundOptions.class,
          DebugOption.class),
      "doctor", Set.of(ProviderOptions.class, ServiceOptions.class, PlaygroundOptions.class,
          CallLimits.class, DebugOption.class));

  private static CommandLine everyCommand() {
    return Flare4jCli.commandLine(new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of());
  }

  @Test
  void eachCommandTakesTheSharedGroupsThatApplyFromTheirMixins() {
    Map<String, CommandLine> commands = everyCommand().getSubcommands();
    for (Map.Entry<String, Set<Class<?>>> expected : EXPECTED.entrySet()) {
      CommandSpec command = commands.get(expected.getKey()).getCommandSpec();
      for (Class<?> group : expected.getValue()) {
        CommandSpec mixin = mixinOf(command, group);
        assertThat(mixin).as("%s mixes in %s", expected.getKey(), group.getSimpleName())
            .isNotNull();
        for (String name : GROUPS.get(group)) {
          OptionSpec option = command.findOption(name);
          assertThat(option).as("%s has %s", expected.getKey(), name).isNotNull();
          assertThat(mixin.options()).as("%s's %s comes from %s", expected.getKey(), name,
              group.getSimpleName()).containsOnlyOnce(option);
        }
      }
    }
  }

  @Test
  void noCommandDeclaresASharedOptionOfItsOwn() {
    Map<String, Class<?>> groupOf = new LinkedHashMap<>();
    GROUPS.forEach((group, names) -> names.forEach(name -> groupOf.put(name, group)));
    List<String> drifted = new ArrayList<>();
    // every command, those of the future too: a shared name is only ever the shared option
    everyCommand().getSubcommands().forEach((name, commandLine) -> {
      CommandSpec command = commandLine.getCommandSpec();
      for (OptionSpec option : command.options()) {
        for (String optionName : option.names()) {
          Class<?> group = groupOf.get(optionName);
          if (group == null) {
            continue;
          }
          CommandSpec mixin = mixinOf(command, group);
          if (mixin == null || !mixin.options().contains(option)) {
            drifted.add(name + " " + optionName + " (use @Mixin " + group.getSimpleName() + ")");
          }
        }
      }
    });
    assertThat(drifted).isEmpty();
  }

  @Test
  void theMixinsDeclareExactlyTheSharedNames() {
    for (Map.Entry<Class<?>, Set<String>> group : GROUPS.entrySet()) {
      CommandSpec spec = CommandSpec.forAnnotatedObject(newInstance(group.getKey()));
      List<String> names = spec.options().stream().flatMap(o -> List.of(o.names()).stream())
          .toList();
      assertThat(names).as(group.getKey().getSimpleName())
          .containsExactlyInAnyOrderElementsOf(group.getValue());
    }
  }

  @Test
  void doctorTakesTimeoutAndRetries() {
    CliRunner.Result result = CliRunner.run("doctor", "--retries", "-1");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--retries").contains("must be 0 or more");
  }

  @Test
  void modelsAndServeRefuseNoBrowserWithBrowserWindowAsChatDoes() {
    for (String command : List.of("chat", "models", "serve", "doctor")) {
      CliRunner.Result result = CliRunner.run(command, "--no-browser", "--browser-window");
      assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(ExitCodes.USAGE);
      assertThat(result.err()).as(command).contains("'--browser-window' and '--no-browser'");
    }
  }

  private static CommandSpec mixinOf(CommandSpec command, Class<?> group) {
    return command.mixins().values().stream()
        .filter(mixin -> group.isInstance(mixin.userObject()))
        .findFirst().orElse(null);
  }

  private static Object newInstance(Class<?> type) {
    try {
      return type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
