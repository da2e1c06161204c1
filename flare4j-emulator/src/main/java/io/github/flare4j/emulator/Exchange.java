package io.github.flare4j.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its response, with the few operations the routes need on top of Jetty's core
 * API: writing the head, writing and flushing frames one chunk each, and ending the response
 * cleanly, by a TCP reset, or not for a long while.
 *
 * <p>Writes block until Jetty has handed the bytes to the socket. The response is ended at most
 * once; later attempts are ignored.
 */
final class Exchange {

    /** The chunk size of {@link #coalesceWrites()}. */
    static final int COALESCED_CHUNK = 32 * 1024;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    /** Told once when the client closes the connection before the response ended; may be null. */
    private final RequestLog log;
    /** Frames not sent yet, when writes are coalesced; null when each frame is its own chunk. */
    private byte[] pending;
    /** How many bytes of {@link #pending} are frames not sent yet. */
    private int pendingLength;
    /** Where streamed replies are reported and held; null for none. */
    private ReplySignals signals;
    /** This reply's hold, claimed at its first frame; null for none. */
    private ReplyHold hold;
    /** How many frames {@link #write} was given. */
    private int frames;

    Exchange(Request request, Response response, Callback callback) {
        this(request, response, callback, null);
    }

    /** An exchange that tells {@code log} when its client leaves before the response ended. */
    Exchange(Request request, Response response, Callback callback, RequestLog log) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.log = log;
    }

    /** Records, once, that the client closed the connection before the response ended. */
    private void abandon() {
        if (log != null && !ended.get() && abandoned.compareAndSet(false, true)) {
            log.abandoned(path());
        }
    }

    /** Reports this exchange's streamed reply to {@code signals}, and holds it when asked to. */
    void signals(ReplySignals signals) {
        this.signals = signals;
    }

    String method() {
        return request.getMethod();
    }

    /** The path without its query string. */
    String path() {
        return request.getHttpURI().getPath();
    }

    /** The query string, or null when there is none. */
    String query() {
        return request.getHttpURI().getQuery();
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** Reads the whole request body and returns the request as recorded. */
    RecordedRequest record() throws IOException {
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        List<RecordedRequest.Header> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(new RecordedRequest.Header(field.getName(), field.getValue()));
        }
        String pathQuery = request.getHttpURI().getPathQuery();
        return new RecordedRequest(method(), pathQuery == null ? "/" : pathQuery, headers, body == null ? "" : body);
    }

    /** Sends a whole response with a {@code Content-Length}, and ends it. */
    void respond(int status, List<HttpField> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        begin(status, headers);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        try (Blocker.Callback blocker = Blocker.callback()) {
            response.write(true, ByteBuffer.wrap(bytes), blocker);
            blocker.block();
        }
        complete();
    }

    /** Sends {@code {"error":message}} as {@code application/json} and ends the response. */
    void respondError(int status, String message) throws IOException {
        respond(status, List.of(WireHeaders.verbatim("content-type", "application/json"), WireHeaders.date()),
                new JsonObject().string("error", message).toString());
    }

    /**
     * Sets the status and the headers, in order. Nothing is sent before the first {@link #write}.
     * When the request asked to close the connection, {@code Connection} and {@code Keep-Alive}
     * headers are left out and Jetty sends its own {@code Connection: close}.
     */
    void begin(int status, List<HttpField> headers) {
        response.setStatus(status);
        boolean closing = closesConnection();
        for (HttpField field : headers) {
            boolean connectionField = field.is("Connection") || field.is("Keep-Alive");
            if (!(closing && connectionField)) {
                response.getHeaders().add(field);
            }
        }
        if (status >= 400 && !response.getHeaders().contains("cf-ray")) { // Cloudflare's id on its error answers
            response.getHeaders().add("cf-ray", String.format("%016x-EMU", RAYS.incrementAndGet()));
        }
    }

    /** The last {@code cf-ray} id sent on an error answer. */
    private static final java.util.concurrent.atomic.AtomicLong RAYS = new java.util.concurrent.atomic.AtomicLong(0x8e5a00000000L);

    private boolean closesConnection() {
        return request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_1_1
                || request.getHeaders().contains(HttpHeader.CONNECTION, "close");
    }

    /**
     * A private-use character that {@link #write} sends as the byte {@code 0xFF}, which is never
     * valid in UTF-8: how {@link Fault#INVALID_UTF8} puts a bad byte into a reply.
     */
    static final char INVALID_BYTE_MARK = '\uE000';

    /**
     * Sends one chunk of the body and waits until it has been handed to the socket. Each
     * {@link #INVALID_BYTE_MARK} goes out as the byte {@code 0xFF}.
     */
    void write(String text) throws IOException {
        if (signals != null) {
            if (frames == 0) {
                hold = signals.holdFor(path());
            }
            if (hold != null && hold.holdsAt(frames)) {
                flushPending(); // a held reply has sent all it wrote
                hold.beforeFrame(frames);
            }
        }
        frames++;
        byte[] bytes = text.indexOf(INVALID_BYTE_MARK) < 0
                ? text.getBytes(StandardCharsets.UTF_8)
                : spoil(text);
        if (pending != null) {
            if (pendingLength + bytes.length > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + bytes.length));
            }
            System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
            pendingLength += bytes.length;
            if (pendingLength >= COALESCED_CHUNK) {
                flushPending();
            }
            return;
        }
        send(bytes);
    }

    /**
     * From now on, {@link #write} gathers frames and sends them in chunks of about
     * {@value #COALESCED_CHUNK} bytes (the rest before the response ends): the same bytes, far fewer
     * writes.
     */
    void coalesceWrites() {
        if (pending == null) {
            pending = new byte[COALESCED_CHUNK + 1024];
        }
    }

    private void flushPending() throws IOException {
        if (pending != null && pendingLength > 0) {
            int length = pendingLength;
            pendingLength = 0;
            send(pending, length); // the buffer is free again once send returns: Jetty has written it
        }
    }

    private void send(byte[] bytes) throws IOException {
        send(bytes, bytes.length);
    }

    private void send(byte[] bytes, int length) throws IOException {
        try (Blocker.Callback blocker = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(bytes, 0, length), blocker);
            blocker.block();
        } catch (IOException e) {
            abandon(); // the client closed the connection: a write into it fails
            throw e;
        }
    }

    /**
     * Declares a body length of {@code length} bytes, whatever is then written: how
     * {@link Fault#OVERSTATED_LENGTH} promises more than it sends. Call before the first write.
     */
    void contentLength(long length) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    }

    private static byte[] spoil(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        int from = 0;
        for (int at = text.indexOf(INVALID_BYTE_MARK); at >= 0; at = text.indexOf(INVALID_BYTE_MARK, from)) {
            out.writeBytes(text.substring(from, at).getBytes(StandardCharsets.UTF_8));
            out.write(0xFF);
            from = at + 1;
        }
        out.writeBytes(text.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Ends the response cleanly: Jetty sends the last chunk. */
    void complete() {
        if (ended.compareAndSet(false, true)) {
            callback.succeeded();
        }
    }

    /** Ends the response as failed; Jetty aborts it if it was already committed. */
    void fail(Throwable failure) {
        if (ended.compareAndSet(false, true)) {
            callback.failed(failure);
        }
    }

    /**
     * Sends a document as {@code effect} bends it: whole with its length, or as one chunk under a
     * promised length if any, then ended as the effect says.
     */
    void send(int status, List<HttpField> headers, String document, FaultEffect effect) throws IOException {
        String body = effect.body(document);
        if (effect.whole()) {
            respond(status, headers, body);
            return;
        }
        begin(status, headers);
        if (effect.declaredLength() >= 0) {
            contentLength(effect.declaredLength());
        }
        write(body);
        end(effect.ending(), effect.stallDuration());
    }

    /** Ends the response as the fault requires: by a reset, by a stall, or cleanly. */
    void end(Fault fault, Duration stallDuration) {
        end(FaultEffect.Ending.of(fault), stallDuration);
    }

    /** Ends the response: by a reset, by a stall, or cleanly. */
    void end(FaultEffect.Ending ending, Duration stallDuration) {
        try {
            flushPending();
        } catch (IOException e) {
            fail(e);
            return;
        }
        switch (ending) {
            case RESET -> reset();
            case STALL -> stall(stallDuration);
            case COMPLETE -> complete();
        }
        if (signals != null) {
            signals.written(path());
        }
    }

    /**
     * Resets the TCP connection: {@code SO_LINGER} 0 then close, so the peer gets an RST instead of a
     * FIN. A short pause first lets a client that reads promptly see what was already sent.
     */
    void reset() {
        pause(Duration.ofMillis(100));
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SocketChannelEndPoint socket) {
            try {
                socket.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                // The close below still ends the connection, with a FIN instead of an RST.
            }
        }
        endPoint.close();
        fail(new EofException("connection reset by the emulator's RESET fault"));
    }

    /**
     * Leaves the response open and silent for a while, then ends it cleanly. The thread is not held:
     * Jetty's scheduler ends it, and stopping the server closes the connection first. Meanwhile the
     * connection is watched, every {@value #WATCH_MILLIS} ms, for the client closing it: the response
     * is then {@link #abandon() abandoned} and the connection closed.
     */
    void stall(Duration duration) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        endPoint.setIdleTimeout(Math.max(endPoint.getIdleTimeout(), duration.plusSeconds(10).toMillis()));
        long until = System.nanoTime() + duration.toNanos();
        watch(endPoint, until);
    }

    /** How often a stalled response's connection is looked at. */
    static final long WATCH_MILLIS = 20;

    private void watch(EndPoint endPoint, long until) {
        if (ended.get()) {
            return;
        }
        if (System.nanoTime() - until >= 0) {
            complete();
            return;
        }
        if (clientLeft(endPoint)) {
            abandon();
            endPoint.close();
            fail(new EofException("the client closed the connection of a stalled response"));
            return;
        }
        request.getComponents().getScheduler().schedule(() -> watch(endPoint, until), WATCH_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Whether the client has closed its side: a read of the (non-blocking) channel finds the end of the
     * stream or fails. The request was read whole before the response began, so no byte of it is taken.
     */
    private static boolean clientLeft(EndPoint endPoint) {
        if (!endPoint.isOpen()) {
            return true;
        }
        if (!(endPoint instanceof SocketChannelEndPoint socket)) {
            return false;
        }
        try {
            return socket.getChannel().read(ByteBuffer.allocate(1)) < 0;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
