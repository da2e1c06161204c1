package io.github.flare4j.provider;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import java.util.concurrent.CompletableFuture;

/**
 * A provider that streams its replies (the seed's {@code AsyncGeneratorProvider}). The one method
 * to implement is {@link #createAsyncGenerator}; the others are built on it.
 *
 * <p>Implementations are thread-safe: one instance serves any number of concurrent requests.
 */
public interface AsyncGeneratorProvider {

  /** The name shown to people, e.g. {@code "Cloudflare AI"}. */
  String label();

  /** The site or API this provider talks to. */
  String url();

  /** Whether the provider is believed to work. */
  default boolean working() {
    return true;
  }

  /** Whether replies are streamed. */
  default boolean supportsStream() {
    return true;
  }

  /** Whether a system message is honoured. */
  default boolean supportsSystemMessage() {
    return true;
  }

  /** Whether earlier messages of the conversation are sent. */
  default boolean supportsMessageHistory() {
    return true;
  }

  /**
   * Starts a reply. The request is sent when the first item is read; the caller closes the
   * stream.
   *
   * @throws IllegalArgumentException when the request cannot be sent as it is
   */
  ChatStream createAsyncGenerator(ChatRequest request);

  /** Reads the whole reply on a virtual thread. */
  default CompletableFuture<ChatResult> createAsync(ChatRequest request) {
    CompletableFuture<ChatResult> result = new CompletableFuture<>();
    Thread.ofVirtual().name("flare4j-" + label()).start(() -> {
      try {
        result.complete(createCompletion(request));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /**
   * Reads the whole reply, blocking.
   *
   * @throws io.github.flare4j.error.Flare4jException when the reply fails
   */
  default ChatResult createCompletion(ChatRequest request) {
    return createAsyncGenerator(request).collect();
  }
}
