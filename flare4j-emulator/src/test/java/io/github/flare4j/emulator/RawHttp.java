package io.github.flare4j.emulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** HTTP/1.1 over a plain socket, so tests see the exact bytes: header lines, chunk boundaries. */
final class RawHttp {

    /**
     * One response as received.
     *
     * @param statusLine  e.g. {@code HTTP/1.1 200 OK}
     * @param headerLines the header lines in order, without CRLF
     * @param chunks      the chunks' data when the body was chunked, in order
     * @param body        the whole body decoded as UTF-8
     */
    record Response(String statusLine, List<String> headerLines, List<String> chunks, String body) {

        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String header(String name) {
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** A {@code POST} with a JSON body and any extra header lines ({@code "name: value"}). */
    static String post(int port, String path, String json, String... extraHeaders) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").append(json).toString();
    }

    /** A {@code GET} with any extra header lines. */
    static String get(int port, String path, String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Sends a request on a new connection and reads one response (5 s read timeout). */
    static Response exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            send(socket, request);
            return read(socket.getInputStream());
        }
    }

    static void send(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one response: head, then a chunked, length-delimited or close-delimited body. */
    static Response read(InputStream input) throws IOException {
        InputStream in = new BufferedInputStream(input);
        String statusLine = line(in);
        List<String> headers = new ArrayList<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            headers.add(line);
        }
        Response head = new Response(statusLine, headers, List.of(), "");
        List<String> chunks = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                byte[] chunk = in.readNBytes(size);
                if (chunk.length != size) {
                    throw new EOFException("chunk cut off");
                }
                chunks.add(new String(chunk, StandardCharsets.UTF_8));
                body.write(chunk);
                if (!line(in).isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (head.header("Content-Length") != null) {
            body.write(in.readNBytes(Integer.parseInt(head.header("Content-Length"))));
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(statusLine, headers, chunks, body.toString(StandardCharsets.UTF_8));
    }

    /** One CRLF-terminated line without its terminator. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
        throw new EOFException("connection closed inside a line");
    }
}
