package io.github.flare4j;

import io.github.flare4j.error.Flare4jException;
import java.time.Duration;
import java.util.Optional;

/**
 * Hears how a call goes, for logs and metrics (OkHttp's {@code EventListener} is the model): the
 * call's start, each attempt, each retry with its reason and delay, what it is busy with before
 * the reply begins ({@link #progress}: a browser starting, a challenge, a wait before a retry), the
 * first byte and the first item of the reply, and its end. Give one to a call with
 * {@link CallOptions.Builder#listener}, or to every call a client's providers make with
 * {@link Flare4j.Builder#listener} or {@link Flare4j.Builder#listenerFactory}.
 *
 * <p>Every method has an empty default; override those you need. They are called on the thread
 * reading the reply, in order, and must be quick and must not throw. What they are told never
 * holds a secret: endpoints are method and URL, errors are flare4j's messages, which name no
 * cookie or token.
 */
public interface CallListener {
  /** Hears nothing. */
  CallListener NONE = new CallListener() {};

  /**
   * Makes one listener for each call, so a listener may keep what it heard about its call (when
   * it started, its attempts) in fields of its own. A {@link Flare4j} client asks its factory once
   * for each call its providers make whose {@link CallOptions} name no listener.
   *
   * <p>Called on the thread that starts the call; must be quick, must not throw and must not
   * return null. Implementations are shared by concurrent calls, so they are thread-safe.
   */
  @FunctionalInterface
  interface Factory {
    /** A factory that hands every call {@link CallListener#NONE}. */
    Factory NONE = () -> CallListener.NONE;

    /** The listener for one call. */
    CallListener create();

    /** A factory that hands every call the same {@code listener}, which must then be thread-safe. */
    static Factory of(CallListener listener) {
      java.util.Objects.requireNonNull(listener, "listener");
      return () -> listener;
    }
  }

  /** The call starts: {@code provider} is its label, {@code model} as asked (maybe an alias). */
  default void callStart(String provider, String model) {}

  /** An attempt starts: 1 for the first, 2 for the first retry. */
  default void attemptStart(int attempt) {}

  /**
   * An attempt failed before any item reached the caller and will be tried again after
   * {@code delay}.
   *
   * @param attempt the attempt that failed
   * @param reason what went wrong (the error's message)
   */
  default void retry(int attempt, String reason, Duration delay) {}

  /**
   * The call is busy with something that may take a while before the reply begins: a browser
   * starting, a challenge being passed, the wait before a retry (told after {@link #retry}, with
   * the same delay), and {@link CallProgress.Kind#CONNECTING} when a browser is done. For a status
   * line: until the next event, {@link CallProgress#text()} says what the call is doing.
   */
  default void progress(CallProgress progress) {}

  /** The service answered: the status and headers arrived (for a socket: it opened). */
  default void firstByte(String endpoint, Duration sinceStart) {}

  /** The first item of the reply reached the caller. */
  default void firstToken(Duration sinceStart) {}

  /** The reply is complete; {@code usage} when the service reported it. */
  default void callEnd(Optional<Usage> usage, Duration sinceStart) {}

  /** The call failed with {@code error} (after any retries). */
  default void callFailed(Flare4jException error, Duration sinceStart) {}

  /** The caller closed the stream before the reply was complete. */
  default void callCancelled(Duration sinceStart) {}
}
