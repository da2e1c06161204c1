package io.github.flare4j.emulator;

import java.security.SecureRandom;
import java.util.Base64;

/** Random message ids and cookie values, shaped like the real ones. */
final class RandomTokens {

    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final SecureRandom random = new SecureRandom();

    /** An AI SDK message id: {@code msg-} and 24 alphanumeric characters. */
    String messageId() {
        StringBuilder id = new StringBuilder("msg-");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    /** A cookie value: 32 random bytes, URL-safe Base64 without padding (43 characters). */
    String cookieValue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
