package io.github.flare4j.emulator.workersai;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** HTTP/1.1 over a plain socket, so that tests see the exact header lines and body bytes. */
final class Raw {

    /**
     * One response as received.
     *
     * @param statusLine  e.g. {@code HTTP/1.1 200 OK}
     * @param headerLines the header lines in order
     * @param body        the body, chunked framing removed
     */
    record Response(String statusLine, List<String> headerLines, String body) {

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

        /** The header names, in order. */
        List<String> headerNames() {
            return headerLines.stream().map(line -> line.substring(0, line.indexOf(':'))).toList();
        }
    }

    private Raw() {
    }

    static Response post(int port, String path, String json, String... headers) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return exchange(port, request.append("\r\n").append(json).toString());
    }

    static Response get(int port, String path, String... headers) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return exchange(port, request.append("\r\n").toString());
    }

    private static Response exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String status = line(in);
            List<String> headers = new ArrayList<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                headers.add(line);
            }
            Response head = new Response(status, headers, "");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                        size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else if (head.header("Content-Length") != null) {
                body.write(in.readNBytes(Integer.parseInt(head.header("Content-Length"))));
            } else {
                body.write(in.readAllBytes());
            }
            return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed mid-line");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** The body of a wire sample from the core module's test resources. */
    static String sampleBody(String name) {
        java.nio.file.Path path = java.nio.file.Path.of("..", "flare4j-core", "src", "test", "resources", "wire", name);
        try {
            String whole = java.nio.file.Files.readString(path);
            return whole.substring(whole.indexOf("\r\n\r\n") + 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header names of a wire sample, in order. */
    static List<String> sampleHeaderNames(String name) {
        java.nio.file.Path path = java.nio.file.Path.of("..", "flare4j-core", "src", "test", "resources", "wire", name);
        try {
            String whole = java.nio.file.Files.readString(path);
            String head = whole.substring(0, whole.indexOf("\r\n\r\n"));
            List<String> names = new ArrayList<>();
            for (String line : head.split("\r\n")) {
                if (line.indexOf(':') > 0 && !line.startsWith("HTTP/")) {
                    names.add(line.substring(0, line.indexOf(':')));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
