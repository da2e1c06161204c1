package io.github.flare4j.cloudflare;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.internal.call.Attempt;
import io.github.flare4j.internal.call.AttemptContext;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * An Agents turn for {@link Transport#AUTO} that hands the turn to {@code /api/inference} when the
 * agent closes its socket because the prompt is too large ({@link PromptTooLargeException}). That
 * close comes after the request was sent, while the reply is read, so it cannot be decided when
 * the socket is opened; it is decided here, and only while nothing has reached the caller (the
 * close always comes before the first reply frame). Read by one thread, like any attempt.
 */
final class SocketFallbackAttempt implements Attempt {
  private static final System.Logger LOG =
      System.getLogger(SocketFallbackAttempt.class.getName());

  private final PlaygroundRuntime runtime;
  private final ChatRequest request;
  private final AttemptContext context;
  private volatile Attempt current;
  private boolean delivered;
  private boolean fellBack;
  private PromptTooLargeException pending;

  SocketFallbackAttempt(PlaygroundRuntime runtime, ChatRequest request, AttemptContext context,
      Attempt agents) {
    this.runtime = runtime;
    this.request = request;
    this.context = context;
    this.current = agents;
  }

  @Override
  public ResponseItem next() {
    while (true) {
      try {
        if (pending != null) {
          PromptTooLargeException tooLarge = pending;
          pending = null;
          throw tooLarge;
        }
        ResponseItem item = current.next();
        delivered |= item != null && !(item instanceof ResponseStart); // a start is no reply yet
        return item;
      } catch (PromptTooLargeException tooLarge) {
        fallBack(tooLarge);
      }
    }
  }

  @Override
  public boolean ready() {
    if (pending != null) {
      return false; // next() opens /api/inference, which waits for the network
    }
    try {
      return current.ready();
    } catch (PromptTooLargeException tooLarge) {
      pending = tooLarge;
      return false;
    }
  }

  /** Opens {@code /api/inference} in place of the socket, or throws {@code tooLarge}. */
  private void fallBack(PromptTooLargeException tooLarge) {
    if (delivered || fellBack || context.closed() || context.deadline().remaining().isZero()) {
      throw tooLarge;
    }
    fellBack = true;
    LOG.log(Level.INFO, "The prompt is too large for the Agents socket ({0}); falling back to {1}",
        tooLarge.bodyExcerpt().isEmpty() ? "close code 1009" : tooLarge.bodyExcerpt(),
        runtime.apiEndpoint());
    current.close();
    try {
      current = InferenceAttempt.open(runtime, request, context);
    } catch (Flare4jException fallbackFailed) {
      fallbackFailed.addSuppressed(tooLarge);
      throw fallbackFailed;
    }
  }

  @Override
  public String endpoint() {
    return current.endpoint();
  }

  @Override
  public Optional<ResponseInfo> responseInfo() {
    return current.responseInfo();
  }

  @Override
  public void close() {
    current.close();
  }
}
