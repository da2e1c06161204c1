package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Main} sets up only the command being run (and none for {@code --version}): what it prints
 * must be what the command line with every command prints.
 */
class MainTest {
  static CliRunner.Result main(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode = Main.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    return new CliRunner.Result(exitCode, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsWhatTheCommandLineWithEveryCommandPrints() {
    for (List<String> args : List.<List<String>>of(
        List.of("--version"), List.of("-V"), List.of("--version", "chat"), List.of("--help"),
        List.of(), List.of("chat", "--help"), List.of("models", "--help"),
        List.of("emulator", "--help"), List.of("help", "chat"), List.of("chat", "--bogus"),
        List.of("chat", "--max-tokens", "0", "hi"), List.of("chatt", "hi"),
        List.of("models", "--transport", "bogus"), List.of("emulator", "--port", "-1"))) {
      String[] argv = args.toArray(String[]::new);

      CliRunner.Result lean = main(argv);
      CliRunner.Result full = CliRunner.run(argv);

      assertThat(lean).as("%s", args).isEqualTo(full);
    }
  }
}
