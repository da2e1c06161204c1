package io.github.flare4j.cli;

import io.github.flare4j.cloudflare.Transport;
import java.util.Objects;

/**
 * How {@code chat} reaches the playground: the transport ({@code --transport}) and whether a
 * headless Chromium may be used ({@code --no-browser} turns it off).
 *
 * @param transport the transport; {@link Transport#AUTO} unless asked otherwise
 * @param browser whether to configure the browser: it passes Cloudflare's challenge, gets fresh
 *     cookies when none are cached, and runs the Agents socket when plain clients are refused
 */
record PlaygroundSettings(Transport transport, boolean browser) {
  /** What {@code chat} uses without options, and what {@code models} always uses. */
  static final PlaygroundSettings DEFAULT = new PlaygroundSettings(Transport.AUTO, true);

  PlaygroundSettings {
    Objects.requireNonNull(transport, "transport");
  }
}
