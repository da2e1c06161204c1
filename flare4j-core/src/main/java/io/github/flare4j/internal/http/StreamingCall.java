package io.github.flare4j.internal.http;

import io.github.flare4j.ResponseInfo;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.http.Timeouts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * One HTTP call whose body is read as a stream, with every failure mapped to a typed
 * {@link Flare4jException}: connect, first-byte, idle and total timeouts, broken connections.
 * {@link #cancel()} may be called from any thread; after it, reads end and failures are
 * reported as {@link #isCancelled() cancellation} rather than errors.
 */
public final class StreamingCall implements AutoCloseable {
  private final Call call;
  private final String endpoint;
  private final Timeouts timeouts;
  private final Duration total;
  private final long deadlineNanos;
  private volatile boolean cancelled;
  private volatile boolean complete;
  private volatile ResponseInfo info;
  private Response response;

  private StreamingCall(Call call, String endpoint, Timeouts timeouts, Duration total) {
    this.call = call;
    this.endpoint = endpoint;
    this.timeouts = timeouts;
    this.total = total;
    this.deadlineNanos = System.nanoTime() + total.toNanos();
  }

  /** Prepares a call; nothing is sent until {@link #execute()}. */
  public static StreamingCall prepare(
      OkHttpClient client, Request request, Timeouts timeouts, Duration total) {
    String endpoint = request.method() + " " + request.url().newBuilder().query(null).build();
    return new StreamingCall(client.newCall(request), endpoint, timeouts, total);
  }

  /** The method and URL, for messages: {@code POST https://host/api/inference}. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * Sends the request and waits for the status and headers.
   *
   * @return the response, whatever its status; null when the call was cancelled
   * @throws NetworkException when it cannot be sent or answered
   */
  public Response execute() {
    try {
      response = call.execute();
    } catch (IOException e) {
      if (cancelled) {
        return null;
      }
      throw failure(e, false);
    }
    if (cancelled) {
      response.close();
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : response.headers().names()) {
      headers.put(name, response.header(name));
    }
    info = new ResponseInfo(response.code(), headers);
    return response;
  }

  /** The response's status and headers, once it has arrived. */
  public Optional<ResponseInfo> responseInfo() {
    return Optional.ofNullable(info);
  }

  /** Records that the whole body was read, so {@link #release()} can keep the connection. */
  public void markComplete() {
    complete = true;
  }

  /**
   * Lets go of the call: a complete reply's connection goes back to the pool, an incomplete one's
   * call is cancelled so that the connection is closed at once. Never throws.
   */
  public void release() {
    if (complete) {
      close();
    } else {
      cancel();
    }
  }

  /** The body as a source whose reads wait at most the idle limit each. */
  public BufferedSource body() {
    BufferedSource source = response.body().source();
    source.timeout().timeout(timeouts.idle().toNanos(), TimeUnit.NANOSECONDS);
    return source;
  }

  /** True once {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * The typed error for a transport failure.
   *
   * @param inBody whether the body was being read (an idle timeout) or not (connect, first byte)
   */
  public Flare4jException failure(IOException e, boolean inBody) {
    if (System.nanoTime() - deadlineNanos >= 0 || isCallTimeout(e)) {
      return new RequestTimeoutException(Phase.TOTAL, total, endpoint, e);
    }
    if (e instanceof SocketTimeoutException) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("connect")) {
        return new RequestTimeoutException(Phase.CONNECT, timeouts.connect(), endpoint, e);
      }
      return inBody
          ? new RequestTimeoutException(Phase.IDLE, timeouts.idle(), endpoint, e)
          : new RequestTimeoutException(Phase.FIRST_BYTE, timeouts.firstByte(), endpoint, e);
    }
    String what = inBody
        ? " broke off before the reply was complete: "
        : " could not be reached: ";
    return new NetworkException(endpoint + what + describe(e), e);
  }

  /** Cancels the call and closes the response. Never throws. */
  public void cancel() {
    cancelled = true;
    call.cancel();
    close();
  }

  /** Closes the response, if any. Never throws. */
  @Override
  public void close() {
    Response current = response;
    if (current != null) {
      try {
        current.close();
      } catch (RuntimeException ignored) {
        // closing a cancelled body may fail; nothing is left to release
      }
    }
  }

  private static boolean isCallTimeout(IOException e) {
    // OkHttp reports its call timeout as a plain InterruptedIOException("timeout").
    return e instanceof InterruptedIOException
        && !(e instanceof SocketTimeoutException)
        && "timeout".equals(e.getMessage());
  }

  private static String describe(IOException e) {
    return IoFailures.describe(e);
  }
}
