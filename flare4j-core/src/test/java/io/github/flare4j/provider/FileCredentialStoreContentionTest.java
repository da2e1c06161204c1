package io.github.flare4j.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.internal.auth.AuthFileFormat;
import io.github.flare4j.spi.StoredCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes writing one auth file at once, while this one reads it without pause: the
 * file is whole every time it is read, and the OS lock loses no read-modify-write (each write
 * raises a counter it read, so a write made without the lock shows as a counter short of the
 * number of writes).
 */
class FileCredentialStoreContentionTest {
  static final int PROCESSES = 8;
  static final int WRITES = 100;
  static final String KEY = "Contended";

  @TempDir Path dir;

  @Test
  void eightProcessesWritingAHundredTimesEachNeverLeaveAHalfWrittenFile() throws Exception {
    Path file = new FileCredentialStore(dir).path(KEY);
    List<Process> writers = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      Process writer = start("w" + i);
      writers.add(writer);
      outputs.add(new BufferedReader(
          new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8)));
    }
    for (int i = 0; i < PROCESSES; i++) {
      assertThat(outputs.get(i).readLine()).as("writer %d", i).isEqualTo("ready");
    }
    for (Process writer : writers) { // all at once, so that their writes overlap
      writer.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
      writer.getOutputStream().flush();
    }

    int reads = 0;
    boolean seen = false;
    List<String> failures = new ArrayList<>();
    while (writers.stream().anyMatch(Process::isAlive) || reads == 0) {
      Thread.yield(); // leave the two cores of a small machine to the writers now and then
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        if (seen) {
          failures.add("the file was missing after it had been written");
        }
        if (writers.stream().noneMatch(Process::isAlive)) {
          break;
        }
        continue;
      }
      seen = true;
      reads++;
      try {
        StoredCredentials read = AuthFileFormat.parse(bytes);
        String writer = read.args().cookies().get("writer");
        int step = Integer.parseInt(read.args().cookies().get("step"));
        int counter = Integer.parseInt(read.args().cookies().get("counter"));
        if (!read.equals(CredentialStoreWriter.written(writer, step, counter))) {
          failures.add("read " + bytes.length + " bytes that no writer wrote");
        }
      } catch (RuntimeException e) {
        failures.add("read " + bytes.length + " bytes that do not parse: " + e.getMessage());
      }
    }

    for (int i = 0; i < PROCESSES; i++) {
      Process writer = writers.get(i);
      assertThat(writer.waitFor(120, TimeUnit.SECONDS)).as("writer %d ended", i).isTrue();
      String output = outputs.get(i).lines().collect(java.util.stream.Collectors.joining("\n"));
      assertThat(writer.exitValue()).as("writer %d: %s", i, output).isZero();
      assertThat(output).as("writer %d", i).contains("done");
    }
    assertThat(failures).isEmpty();
    assertThat(reads).isPositive();

    StoredCredentials last = AuthFileFormat.parse(Files.readAllBytes(file));
    String writer = last.args().cookies().get("writer");
    assertThat(last.args().cookies()).as("no update lost, and the last one is a writer's last")
        .containsEntry("counter", String.valueOf(PROCESSES * WRITES))
        .containsEntry("step", String.valueOf(WRITES - 1));
    assertThat(last).as("the last write of one of the writers")
        .isEqualTo(CredentialStoreWriter.written(writer, WRITES - 1, PROCESSES * WRITES));
    assertThat(new FileCredentialStore(dir).load(KEY)).contains(last);
    try (var files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("no temporary file left").containsExactlyInAnyOrder(
              file.getFileName().toString(), "." + file.getFileName() + ".lock");
    }
  }

  private Process start(String name) throws IOException {
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            "-XX:TieredStopAtLevel=1", "-Xshare:auto", CredentialStoreWriter.class.getName(),
            dir.toString(), KEY, name, String.valueOf(WRITES))
        .redirectErrorStream(true)
        .start();
  }
}
