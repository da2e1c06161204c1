package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a child process printed, and its exit code: the integration tests run {@code ./flare4j}
 * and the jar as a user would, with empty standard input and their output in files.
 */
record ProcessRun(int exitCode, String out, String err) {

  /**
   * Starts {@code builder} with empty standard input, waits for it (two minutes at the most, then
   * it is killed and the test fails), and reads what it printed.
   *
   * @param dir a folder for the input and output files
   */
  static ProcessRun of(ProcessBuilder builder, Path dir) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = builder
        .redirectInput(ProcessBuilder.Redirect.from(Files.createTempFile(dir, "in", ".txt").toFile()))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    boolean ended = process.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the process ended").isTrue();
    return new ProcessRun(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
