package io.github.flare4j.provider;

import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A child process of {@link FileCredentialStoreContentionTest}: updates one auth file
 * {@code count} times, each time with content no other write has (its writer and step) and a
 * counter one above what it read, then prints {@code done}. It prints {@code ready} first and
 * waits for a line on its input, so that the test can start every writer at once rather than as
 * each JVM happens to come up.
 *
 * <p>Arguments: the folder, the key, the writer's name, the number of writes.
 */
public final class CredentialStoreWriter {
  /** Long enough that a write torn in half would show, in a real file of a few kilobytes. */
  static final String PADDING = "p".repeat(4000);

  private CredentialStoreWriter() {}

  /** Runs the writes; exits non-zero on any failure. */
  public static void main(String[] args) throws IOException {
    FileCredentialStore store = new FileCredentialStore(Path.of(args[0]));
    store.load(args[1]); // load the classes before the start
    System.out.println("ready");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    String key = args[1];
    String writer = args[2];
    int count = Integer.parseInt(args[3]);
    for (int step = 0; step < count; step++) {
      int thisStep = step;
      store.update(key, current -> Optional.of(written(writer, thisStep, counter(current) + 1)));
    }
    System.out.println("done");
  }

  /** What writer {@code writer} keeps at {@code step}, when the counter it read was one less. */
  static StoredCredentials written(String writer, int step, int counter) {
    Map<String, String> cookies = new LinkedHashMap<>();
    cookies.put("writer", writer);
    cookies.put("step", String.valueOf(step));
    cookies.put("counter", String.valueOf(counter));
    cookies.put("padding", writer + PADDING + step);
    return new StoredCredentials(new SessionArgs(Map.of("user-agent", "writer " + writer), cookies),
        step % 2 == 0 ? "agents" : "inference");
  }

  static int counter(Optional<StoredCredentials> credentials) {
    return credentials.map(c -> Integer.parseInt(c.args().cookies().getOrDefault("counter", "0")))
        .orElse(0);
  }
}
