package io.github.flare4j.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's limits and switches.
 *
 * @param host the address to bind; beyond loopback, API keys are required
 * @param port the port; 0 picks a free one
 * @param apiKeys the keys a client must present ({@code Authorization: Bearer} or
 *     {@code x-api-key}); empty lets everybody in (loopback only)
 * @param maxBodyBytes the largest request body
 * @param maxConcurrentStreams upstream calls open at once; over it a request is refused at once
 *     with a 429
 * @param rateLimitPerMinute requests per key (or per client address without keys) per minute;
 *     0 for none
 * @param cors the origin allowed by CORS, when one is
 * @param shutdownGrace how long a shutdown waits for open streams
 * @param keepAliveInterval how long an event stream may be silent (the upstream sending nothing)
 *     before a keep-alive is sent: a comment in OpenAI's streams, a {@code ping} in Anthropic's
 */
public record GatewaySettings(
    String host,
    int port,
    Set<String> apiKeys,
    long maxBodyBytes,
    int maxConcurrentStreams,
    int rateLimitPerMinute,
    Optional<String> cors,
    Duration shutdownGrace,
    Duration keepAliveInterval) {

  /** 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;

  /** Copies the keys. */
  public GatewaySettings {
    apiKeys = Set.copyOf(apiKeys);
  }

  @Override
  public String toString() {
    return "GatewaySettings[host=" + host + ", port=" + port + ", apiKeys=" + apiKeys.size()
        + " (hidden), maxBodyBytes=" + maxBodyBytes + ", maxConcurrentStreams="
        + maxConcurrentStreams + ", rateLimitPerMinute=" + rateLimitPerMinute + ", cors="
        + cors.orElse("off") + ", shutdownGrace=" + shutdownGrace + ", keepAliveInterval="
        + keepAliveInterval + "]";
  }
}
