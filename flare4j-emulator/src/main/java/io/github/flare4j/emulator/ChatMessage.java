package io.github.flare4j.emulator;

/**
 * One message of an inference request, reduced to what the emulator uses.
 *
 * @param role the role, e.g. {@code user}, {@code assistant}
 * @param text its text: {@code content} when that is a string, else its text parts joined
 * @param toolResult for an assistant message whose tool call has its result (a UI message's
 *     {@code toolInvocations} entry of state {@code result}), the last such result as text; else
 *     null
 */
record ChatMessage(String role, String text, String toolResult) {

    ChatMessage(String role, String text) {
        this(role, text, null);
    }

    boolean isUser() {
        return "user".equals(role);
    }
}
