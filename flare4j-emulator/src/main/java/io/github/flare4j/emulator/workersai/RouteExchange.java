package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.FaultEffect;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpField;

/**
 * The operations the Workers AI routes need on one request and its response; the emulator's
 * handler supplies them. Writes block until the bytes are handed to the socket; the response is
 * ended at most once.
 */
public interface RouteExchange {

    /**
     * The request's method.
     *
     * @return e.g. {@code POST}
     */
    String method();

    /**
     * The request's path, without its query string, decoded.
     *
     * @return e.g. {@code /client/v4/accounts/0123/ai/run/@cf/meta/llama-3.1-8b-instruct}
     */
    String path();

    /**
     * The request's query string.
     *
     * @return e.g. {@code task=Text%20Generation&page=1}, or null when there is none
     */
    String query();

    /**
     * A request header's first value.
     *
     * @param name the header name, in any case
     * @return the value, or null when absent
     */
    String header(String name);

    /**
     * Sends a whole response with a {@code Content-Length}, and ends it.
     *
     * @param status  the status
     * @param headers the headers, in order
     * @param body    the body
     * @throws IOException when writing fails
     */
    void respond(int status, List<HttpField> headers, String body) throws IOException;

    /**
     * Sets the status and headers; nothing is sent before the first {@link #write}.
     *
     * @param status  the status
     * @param headers the headers, in order
     */
    void begin(int status, List<HttpField> headers);

    /**
     * Declares the body's length, whatever is then written (how a fault promises more than it sends).
     * Call after {@link #begin} and before the first {@link #write}.
     *
     * @param length the {@code Content-Length}
     */
    void contentLength(long length);

    /**
     * Sends one chunk of the body and flushes it.
     *
     * @param text the chunk
     * @throws IOException when writing fails
     */
    void write(String text) throws IOException;

    /**
     * Sends a document as a fault's effect bends it: whole, or cut, under a promised length, then
     * ended by a reset or a stall (see {@link FaultEffect}).
     *
     * @param status   the status
     * @param headers  the headers, in order
     * @param document the document the route would send without a fault
     * @param effect   what the fault does to it; {@link FaultEffect#none()} for no fault
     * @throws IOException when writing fails
     */
    void send(int status, List<HttpField> headers, String document, FaultEffect effect) throws IOException;

    /**
     * Ends the response as the fault requires: a reset, a stall, or cleanly.
     *
     * @param fault         a body fault, or null to end cleanly
     * @param stallDuration how long a {@link Fault#STALL} stays silent
     */
    void end(Fault fault, Duration stallDuration);
}
