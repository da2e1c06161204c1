package io.github.flare4j.emulator.workersai;

import java.util.Objects;

/**
 * The account and API token the emulator's Workers AI routes accept. A request for another
 * account, or without {@code Authorization: Bearer <apiToken>}, is refused with Cloudflare's
 * error 10000. {@link #toString()} does not show the token.
 *
 * @param accountId the account id in the path, {@value #DEFAULT_ACCOUNT_ID} by default
 * @param apiToken  the bearer token, {@value #DEFAULT_API_TOKEN} by default
 */
public record WorkersAiAccount(String accountId, String apiToken) {

    /** The account id accepted unless another is configured. */
    public static final String DEFAULT_ACCOUNT_ID = "0123456789abcdef0123456789abcdef";

    /** The API token accepted unless another is configured. */
    public static final String DEFAULT_API_TOKEN = "test-token";

    /** The defaults: {@value #DEFAULT_ACCOUNT_ID} and {@value #DEFAULT_API_TOKEN}. */
    public static final WorkersAiAccount DEFAULT = new WorkersAiAccount(DEFAULT_ACCOUNT_ID, DEFAULT_API_TOKEN);

    /**
     * Checks the parts.
     *
     * @param accountId the account id
     * @param apiToken  the token
     */
    public WorkersAiAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(apiToken, "apiToken");
        if (accountId.isBlank() || accountId.contains("/")) {
            throw new IllegalArgumentException("accountId must be a non-empty name without '/'");
        }
        if (apiToken.isBlank()) {
            throw new IllegalArgumentException("apiToken must not be blank");
        }
    }

    @Override
    public String toString() {
        return "WorkersAiAccount[" + accountId + ", apiToken=***]";
    }
}
