package io.github.flare4j.emulator.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The user name and password a {@link TestProxy} requires.
 *
 * @param user     the user name
 * @param password the password
 */
record ProxyCredentials(String user, String password) {

    ProxyCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Whether a {@code Proxy-Authorization} header value is {@code Basic} with these credentials. */
    boolean acceptsBasic(String authorization) {
        if (authorization == null) {
            return false;
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return decoded.equals(user + ":" + password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    boolean accepts(String user, String password) {
        return this.user.equals(user) && this.password.equals(password);
    }
}
