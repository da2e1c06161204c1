package io.github.flare4j.spi;

/**
 * A browser the playground provider can use: where fresh credentials come from
 * ({@link ArgsAcquirer}) and where a WebSocket that only a browser may open runs
 * ({@link WebSocketRelay}). flare4j-browser provides one (a headless Chromium), registered for
 * {@link java.util.ServiceLoader}: when that artifact ({@value #ARTIFACT}) is on the class path or
 * module path, a {@link io.github.flare4j.Flare4j} client and the
 * {@link io.github.flare4j.cloudflare.Cloudflare} provider find it and use it by default.
 *
 * <p>Implementations have a public no-argument constructor (for the service loader), start nothing
 * when constructed or when asked for their seams (a browser starts only when a seam is used), and
 * are thread-safe.
 */
public interface BrowserSupport {

  /** The Maven coordinates of the artifact that provides a browser: add it to pass challenges. */
  String ARTIFACT = "io.github.flare4j:flare4j-browser";

  /** What it is, for logs and messages, e.g. {@code "headless Chromium"}. */
  String name();

  /** Where fresh credentials come from; starts nothing until it is used. */
  ArgsAcquirer argsAcquirer();

  /** Runs a WebSocket inside the browser; starts nothing until it is used. */
  WebSocketRelay webSocketRelay();
}
