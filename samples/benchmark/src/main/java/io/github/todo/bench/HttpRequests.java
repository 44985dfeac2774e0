package io.github.todo.bench;

import java.nio.charset.StandardCharsets;

/**
 * The requests of the load test as bytes, built once: the same headers wrk sends ({@code Host},
 * plus {@code Content-Type} and {@code Content-Length} with a body) and the bodies of the seed
 * protocol. Requests with an id are a fixed head, the id's digits and a fixed tail, assembled
 * into a per-thread buffer, so a request costs no allocation.
 */
final class HttpRequests {

    private final byte[] hello;
    private final byte[] info;
    private final byte[] create;
    private final byte[] getHead;
    private final byte[] putHead;
    private final byte[] deleteHead;
    private final byte[] bodylessTail;
    private final byte[] updateTail;

    HttpRequests(Target target) {
        String base = target.basePath();
        String host = "Host: " + target.hostHeader() + "\r\n";
        this.hello = ascii("GET " + base + "/ HTTP/1.1\r\n" + host + "\r\n");
        this.info = ascii("GET " + base + "/info HTTP/1.1\r\n" + host + "\r\n");
        this.create = ascii("POST " + base + "/tasks HTTP/1.1\r\n" + host + json(SeedClient.CREATE_BODY));
        this.getHead = ascii("GET " + base + "/tasks/");
        this.putHead = ascii("PUT " + base + "/tasks/");
        this.deleteHead = ascii("DELETE " + base + "/tasks/");
        this.bodylessTail = ascii(" HTTP/1.1\r\n" + host + "\r\n");
        this.updateTail = ascii(" HTTP/1.1\r\n" + host + json(SeedClient.UPDATE_BODY));
    }

    byte[] hello() {
        return hello;
    }

    byte[] info() {
        return info;
    }

    byte[] create() {
        return create;
    }

    /** Writes {@code GET /tasks/{id}} into {@code buffer}; returns its length. */
    int read(long id, byte[] buffer) {
        return assemble(getHead, id, bodylessTail, buffer);
    }

    int update(long id, byte[] buffer) {
        return assemble(putHead, id, updateTail, buffer);
    }

    int delete(long id, byte[] buffer) {
        return assemble(deleteHead, id, bodylessTail, buffer);
    }

    /** A buffer big enough for any request with an id. */
    byte[] newBuffer() {
        return new byte[Math.max(getHead.length, Math.max(putHead.length, deleteHead.length))
                + 20 + Math.max(bodylessTail.length, updateTail.length)];
    }

    private static int assemble(byte[] head, long id, byte[] tail, byte[] buffer) {
        System.arraycopy(head, 0, buffer, 0, head.length);
        int at = writeDigits(id, buffer, head.length);
        System.arraycopy(tail, 0, buffer, at, tail.length);
        return at + tail.length;
    }

    private static int writeDigits(long id, byte[] buffer, int at) {
        if (id < 0) { // never handed out by the contract's AUTOINCREMENT, but stay correct
            byte[] text = ascii(Long.toString(id));
            System.arraycopy(text, 0, buffer, at, text.length);
            return at + text.length;
        }
        int digits = 1;
        for (long rest = id; rest >= 10; rest /= 10) {
            digits++;
        }
        long rest = id;
        for (int i = at + digits - 1; i >= at; i--) {
            buffer[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return at + digits;
    }

    private static String json(String body) {
        return "Content-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
