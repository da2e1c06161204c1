package io.github.flare4j.cloudflare;

import io.github.flare4j.ChatRequest;
import java.nio.file.Path;

/**
 * A tiny program for {@link JvmExitTest}: one chat over the Agents socket with the emulator at
 * {@code args[0]} (cache in {@code args[1]}), its reply printed; then {@code main} returns, and
 * the JVM must exit.
 */
public final class AgentsChatMain {
  private AgentsChatMain() {}

  /** Chats once, prints the reply. */
  public static void main(String[] args) {
    Cloudflare cloudflare = Cloudflare.builder()
        .baseUrl(args[0])
        .cacheDirectory(Path.of(args[1]))
        .transport(Transport.AGENTS)
        .build();
    System.out.println(cloudflare.complete(ChatRequest.of("Hello, how are you?")).text());
  }
}
