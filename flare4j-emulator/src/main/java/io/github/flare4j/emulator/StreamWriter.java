package io.github.flare4j.emulator;

import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.HttpField;

/**
 * Writes a {@link Reply} in one wire format, a frame at a time, so that a fault can stop it or
 * spoil it anywhere. Calls come in the order start, parts, then finish or error; a writer may be
 * left unfinished.
 */
interface StreamWriter {

    /** The stream's content type when the playground's {@code text/x-unknown} is not wanted. */
    String sdkContentType();

    /**
     * The response headers of this format, in the order the AI SDK sends them.
     *
     * @param contentType the content type to send
     * @param date        the {@code Date} header, placed where Node.js puts it
     */
    List<HttpField> headers(String contentType, HttpField date);

    void start(String messageId) throws IOException;

    void part(ReplyPart part) throws IOException;

    void finish(FinishReason reason, Usage usage) throws IOException;

    /** Ends the stream with an error in place of the finish. */
    void error(String message) throws IOException;

    /**
     * Sends what a later version of this format adds, none of it part of the reply
     * ({@link ProtocolDrift}); nothing where the format has no later version (v4).
     */
    default void drift() throws IOException {
    }

    /** Sends a frame that looks like this format but does not parse. */
    void malformed() throws IOException;

    /** Sends events with empty data ({@code data:} then an empty line), which SSE says not to dispatch; v4, a blank line. */
    void emptyEvent() throws IOException;

    static StreamWriter of(StreamFormat format, FrameSink sink) {
        return switch (format) {
            case V4 -> new DataStreamWriter(sink);
            case V5 -> new UiMessageStreamWriter(sink);
        };
    }
}
