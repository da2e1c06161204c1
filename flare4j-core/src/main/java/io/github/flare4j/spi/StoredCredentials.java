package io.github.flare4j.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link io.github.flare4j.provider.CredentialStore} keeps for one provider: the {@link SessionArgs} that last worked
 * and, optionally, the name of the transport they worked on (the playground's {@code "agents"} or
 * {@code "inference"}), so the next process tries that one first.
 *
 * <p>Immutable; {@link #toString()} hides cookie values like {@link SessionArgs#toString()}.
 *
 * @param args the headers and cookies, with the cookies' expiry
 * @param transport the transport's name, or null when none is known; a blank name is none
 */
public record StoredCredentials(SessionArgs args, String transport) {

  /** Checks the args and turns a blank transport into none. */
  public StoredCredentials {
    Objects.requireNonNull(args, "args");
    transport = transport == null || transport.isBlank() ? null : transport.strip();
  }

  /** Credentials with no transport. */
  public static StoredCredentials of(SessionArgs args) {
    return new StoredCredentials(args, null);
  }

  /** The transport's name, when one is kept. */
  public Optional<String> transportName() {
    return Optional.ofNullable(transport);
  }
}
