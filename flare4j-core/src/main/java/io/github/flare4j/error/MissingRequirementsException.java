package io.github.flare4j.error;

/**
 * Something flare4j needs on this machine is not there, typically a Chromium browser to pass
 * Cloudflare's challenge (the seed's {@code MissingRequirementsError}). The message names what is
 * missing and how to install it.
 */
public class MissingRequirementsException extends Flare4jException {
  private static final long serialVersionUID = 1L;

  /** An error saying what is missing and how to get it. */
  public MissingRequirementsException(String message) {
    super(message);
  }

  /** The same, with the failure that showed it. */
  public MissingRequirementsException(String message, Throwable cause) {
    super(message, cause);
  }
}
