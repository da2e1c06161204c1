package io.github.flare4j.provider;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import java.util.concurrent.CompletableFuture;

/**
 * A provider that streams its replies (the seed's {@code AsyncGeneratorProvider}). The one method
 * to implement is {@link #createAsyncGenerator(ChatRequest, CallOptions)}; the others are built on
 * it. {@link ChatProvider} adds what a caller needs to know in advance (models, capabilities).
 *
 * <p>Implementations are thread-safe: one instance serves any number of concurrent requests.
 */
public interface AsyncGeneratorProvider {

  /** A short human-readable name, e.g. {@code "Cloudflare AI"}. */
  String label();

  /** The service's base URL. */
  String url();

  /**
   * Starts a reply. The request is sent when the first item is read; the caller closes the
   * stream. A failed attempt is retried (as {@code call} allows) only before the first item
   * reached the caller.
   *
   * @throws IllegalArgumentException when the request asks for what the provider cannot do (see
   *     {@link ChatProvider#capabilities()})
   */
  ChatStream createAsyncGenerator(ChatRequest request, CallOptions call);

  /** Starts a reply with {@link CallOptions#defaults()}. */
  default ChatStream createAsyncGenerator(ChatRequest request) {
    return createAsyncGenerator(request, CallOptions.defaults());
  }

  /** Reads the whole reply on a virtual thread. */
  default CompletableFuture<ChatResult> createAsync(ChatRequest request, CallOptions call) {
    CompletableFuture<ChatResult> result = new CompletableFuture<>();
    Thread.ofVirtual().name("flare4j-" + label()).start(() -> {
      try {
        result.complete(createCompletion(request, call));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Reads the whole reply on a virtual thread, with {@link CallOptions#defaults()}. */
  default CompletableFuture<ChatResult> createAsync(ChatRequest request) {
    return createAsync(request, CallOptions.defaults());
  }

  /**
   * Reads the whole reply, blocking.
   *
   * @throws io.github.flare4j.error.Flare4jException when the reply fails
   */
  default ChatResult createCompletion(ChatRequest request, CallOptions call) {
    try (ChatStream stream = createAsyncGenerator(request, call)) {
      return stream.collect();
    }
  }

  /** Reads the whole reply, blocking, with {@link CallOptions#defaults()}. */
  default ChatResult createCompletion(ChatRequest request) {
    return createCompletion(request, CallOptions.defaults());
  }
}
