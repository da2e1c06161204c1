package io.github.flare4j;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;

/**
 * The first item of every reply: which reply it is, which model answered and when it began, all a
 * gateway must write before the first text (an OpenAI chunk's {@code id}, {@code model} and
 * {@code created}). Every provider and transport sends exactly one, before anything else.
 *
 * <p>The values are the service's when it sends them: the OpenAI-compatible API's {@code id},
 * {@code model} and {@code created}; the playground's {@code messageId} (the UI message stream's
 * {@code start} chunk, the data stream's {@code f} part). What the service leaves out is filled in:
 * an id made here ({@link #generatedId()}: {@code chatcmpl-} and 24 random letters and digits), the
 * model id the request was sent with (the name asked for, resolved), and the time the reply began.
 *
 * @param id the reply's id, never blank
 * @param model the id of the model that answered, never blank
 * @param created when the reply began (the service's time, in whole seconds, when it gives one)
 */
public record ResponseStart(String id, String model, Instant created) implements ResponseItem {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException when the id or the model is blank
   */
  public ResponseStart {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(created, "created");
    if (id.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException("a reply's id and model must not be blank");
    }
  }

  /**
   * A new reply id for a service that sends none: {@code chatcmpl-} and 24 random letters and
   * digits, the shape of OpenAI's ids.
   */
  public static String generatedId() {
    StringBuilder id = new StringBuilder("chatcmpl-");
    for (int i = 0; i < 24; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
