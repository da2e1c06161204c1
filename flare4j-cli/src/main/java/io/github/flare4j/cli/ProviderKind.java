package io.github.flare4j.cli;

import java.util.Locale;

/**
 * The providers {@code chat} and {@code models} can use, by their command-line names
 * ({@code --provider playground|workers-ai|openai}).
 */
enum ProviderKind {
  /** Cloudflare's public AI playground: no account, no token. */
  PLAYGROUND("playground"),
  /** Workers AI's REST API ({@code .../ai/run/{model}}), with an account id and an API token. */
  WORKERS_AI("workers-ai"),
  /** Workers AI's OpenAI-compatible endpoint ({@code .../ai/v1/chat/completions}). */
  OPENAI("openai");

  /** The names, as {@code --help} shows them. */
  static final String NAMES = "playground|workers-ai|openai";

  private final String cliName;

  ProviderKind(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line, e.g. {@code workers-ai}. */
  String cliName() {
    return cliName;
  }

  /** Whether this provider is one of Workers AI's, which need an account id and an API token. */
  boolean needsAccount() {
    return this != PLAYGROUND;
  }

  /**
   * Reads a name as {@link #cliName()} writes it, in any case.
   *
   * @throws IllegalArgumentException for another name
   */
  static ProviderKind parse(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (ProviderKind kind : values()) {
      if (kind.cliName.equals(wanted)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("expected " + NAMES.replace("|", ", ") + ", not '" + name + "'");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
