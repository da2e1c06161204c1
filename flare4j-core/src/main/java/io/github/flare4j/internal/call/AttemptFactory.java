package io.github.flare4j.internal.call;

/**
 * Opens one attempt: builds the request, sends it, checks the answer, and returns the attempt to
 * read; or throws the typed error the answer means (which the engine may retry). A provider's
 * part of a call.
 */
@FunctionalInterface
public interface AttemptFactory {
  /**
   * @throws io.github.flare4j.error.Flare4jException when the service refuses or cannot be reached
   */
  Attempt open(AttemptContext context);
}
