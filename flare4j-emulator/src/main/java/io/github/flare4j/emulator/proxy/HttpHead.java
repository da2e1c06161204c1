package io.github.flare4j.emulator.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of one HTTP/1.x request as a proxy reads it: the request line's three parts and the
 * header lines, in order.
 *
 * @param method  e.g. {@code GET} or {@code CONNECT}
 * @param target  the request target: absolute form {@code http://host:port/path} or authority form {@code host:port}
 * @param version e.g. {@code HTTP/1.1}
 * @param headers the header lines as {@code name: value}, in order
 */
record HttpHead(String method, String target, String version, List<String> headers) {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    HttpHead {
        headers = List.copyOf(headers);
    }

    /**
     * Reads a head, consuming exactly up to and including its blank line.
     *
     * @return the head, or null when the stream ended before a request began
     * @throws IOException when the head is malformed, too long, or cut off
     */
    static HttpHead read(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("malformed request line: " + requestLine);
        }
        List<String> headers = new ArrayList<>();
        int total = requestLine.length();
        for (String line = readLine(in); ; line = readLine(in)) {
            if (line == null) {
                throw new IOException("request head cut off");
            }
            if (line.isEmpty()) {
                break;
            }
            total += line.length();
            if (total > MAX_HEAD_BYTES) {
                throw new IOException("request head too long");
            }
            headers.add(line);
        }
        return new HttpHead(parts[0], parts[1], parts[2], headers);
    }

    /** The first value of a header, or null. */
    String header(String name) {
        for (String line : headers) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The header lines without those named, in order. */
    List<String> headersWithout(List<String> names) {
        return headers.stream().filter(line -> {
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).trim() : line;
            return names.stream().noneMatch(name::equalsIgnoreCase);
        }).toList();
    }

    /** One line without its CRLF (or bare LF); null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return stripCarriageReturn(line.toString(StandardCharsets.ISO_8859_1));
            }
            line.write(b);
            if (line.size() > MAX_HEAD_BYTES) {
                throw new IOException("request line too long");
            }
        }
        return line.size() == 0 ? null : stripCarriageReturn(line.toString(StandardCharsets.ISO_8859_1));
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
