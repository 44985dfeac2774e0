package io.github.todo.standalone.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One malformed request: the bytes to send and how. A normal one is sent at once and the sending
 * side is then shut down, so the server sees the end of it; a slow one trickles out a few bytes at a
 * time and then stalls without an end, and only the server's timeouts can close it.
 *
 * @param kind  what is wrong with it, for the report
 * @param bytes what goes on the wire
 * @param slow  whether to trickle and stall instead of sending at once
 */
record BadRequest(String kind, byte[] bytes, boolean slow) {

    static BadRequest of(String kind, byte[] bytes) {
        return new BadRequest(kind, bytes, false);
    }

    /** A request with {@code headers} (each without its CRLF) and {@code body}; Host is added first. */
    static byte[] raw(String requestLine, List<String> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + body.length);
        out.writeBytes((requestLine + "\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (String header : headers) {
            out.writeBytes((header + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A well-framed JSON request: the right Content-Type and Content-Length for {@code body}. */
    static byte[] json(String method, String target, byte[] body) {
        return raw(method + " " + target + " HTTP/1.1",
                List.of("Content-Type: application/json", "Content-Length: " + body.length), body);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The start of the request, printable, for a report line. */
    String excerpt(int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r') {
                text.append("\\r");
            } else if (b == '\n') {
                text.append("\\n");
            } else if (b < 0x20 || b >= 0x7f || b == '\\') {
                text.append(String.format("\\x%02x", b));
            } else {
                text.append((char) b);
            }
        }
        return text + (bytes.length > max ? "... (" + bytes.length + " bytes)" : "");
    }
}
