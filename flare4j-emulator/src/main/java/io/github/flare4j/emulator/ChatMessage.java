package io.github.flare4j.emulator;

/**
 * One message of an inference request, reduced to what the emulator uses.
 *
 * @param role the role, e.g. {@code user}, {@code assistant}
 * @param text its text: {@code content} when that is a string, else its text parts joined
 */
record ChatMessage(String role, String text) {

    boolean isUser() {
        return "user".equals(role);
    }
}
