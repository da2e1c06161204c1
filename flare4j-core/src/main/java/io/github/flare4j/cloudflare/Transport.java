package io.github.flare4j.cloudflare;

import java.util.Locale;

/**
 * How the {@link Cloudflare} provider talks to the playground.
 *
 * <ul>
 *   <li>{@link #AGENTS}: the Cloudflare Agents chat protocol over a WebSocket
 *       ({@code /agents/playground/<instance>}), what the playground's web app speaks since
 *       October 2025;
 *   <li>{@link #INFERENCE}: {@code POST /api/inference}, the older HTTP endpoint;
 *   <li>{@link #AUTO}: the one that worked last time (kept in the auth file), else the Agents
 *       socket, falling back to {@code /api/inference} when the socket cannot be opened.
 * </ul>
 */
public enum Transport {
  /** Whichever works, remembered in the auth file. */
  AUTO,
  /** The Agents WebSocket. */
  AGENTS,
  /** {@code POST /api/inference}. */
  INFERENCE;

  /** The name used on the command line and in the auth file: {@code auto}, {@code agents}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a name as {@link #wireName()} writes it, in any case.
   *
   * @throws IllegalArgumentException for another name
   */
  public static Transport parse(String name) {
    String normalised = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    for (Transport transport : values()) {
      if (transport.name().equals(normalised)) {
        return transport;
      }
    }
    throw new IllegalArgumentException(
        "Unknown transport '" + name + "': expected auto, agents or inference");
  }
}
