package io.github.todo.standalone.reliability;

import static io.github.todo.standalone.reliability.BadRequest.concat;
import static io.github.todo.standalone.reliability.BadRequest.raw;
import static io.github.todo.standalone.reliability.BadRequest.utf8;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of malformed HTTP requests: random bytes, broken request lines, wrong methods
 * and headers, absurd Content-Length values, slow senders, and (from {@link BadBodies}) broken,
 * oversized, deeply nested, numerically absurd and invalid UTF-8 JSON.
 */
final class BadRequests {

    private static final List<String> METHODS = List.of("FOO", "get", "Get", "PROPFIND", "TRACE", "CONNECT", "PRI", "M-SEARCH",
            "GET GET", "G\tET", "DELETE", "PUT", "PATCH", "POST", "HEAD", "OPTIONS", "GET", "X".repeat(10_000));
    private static final List<String> TARGETS = List.of("/", "/info", "/health", "/tasks", "/tasks/", "/tasks/1", "/tasks/1/",
            "/tasks/x", "*", "//tasks", "/tasks?x", "/tasks/-1", "/tasks/0", "/tasks/1.0", "/tasks/%31", "/nope");
    private static final List<String> REQUEST_LINES = List.of("GET /", "GET / HTTP/9.9", "GET / HTTP/1.1 x", "GET  / HTTP/1.1",
            "GET http://example.com/tasks HTTP/1.1", "GET /tasks/../info HTTP/1.1", "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
            "GET /tasks%00 HTTP/1.1", "GET /tasks/1%00 HTTP/1.1", "GET / http/1.1", "GET / HTTP/1.0", "GET /#frag HTTP/1.1",
            "GET /ta sks HTTP/1.1", "GET /tasks?limit=1&limit=2&after=-1&done=maybe HTTP/1.1", "GET /tasks?limit=%zz HTTP/1.1",
            "GET /tasks?%%%=1 HTTP/1.1", "GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1", "\r\n\r\nGET / HTTP/1.1", " GET / HTTP/1.1",
            "GET / HTTP/2.0", "GET / HTTP/1", "GET / HTTP/1.11", "GET\t/\tHTTP/1.1", "GET /" + "a".repeat(100_000) + " HTTP/1.1",
            "GET /tasks?after=" + "9".repeat(50_000) + " HTTP/1.1");
    private static final List<List<String>> HEADER_FAULTS = List.of(
            List.of("Content-Type: text/plain"), List.of("Content-Type: application/xml"), List.of("Content-Type:"),
            List.of("Content-Type: application/json; charset=latin1"), List.of("Content-Type: application/jsonx"),
            List.of("Content-Type: ;;;"), List.of("Content-Type: multipart/form-data; boundary=x"),
            List.of("Content-Type: application/json", "Content-Type: text/plain"),
            List.of("Transfer-Encoding: gzip"), List.of("Transfer-Encoding: identity"), List.of("Transfer-Encoding: chunked, chunked"),
            List.of("Transfer-Encoding: xchunked"), List.of("Content-Length: 5", "Transfer-Encoding: chunked"),
            List.of("Content-Length: 5", "Content-Length: 6"), List.of("Content-Length : 5"), List.of("NoColon"),
            List.of("X-Folded: a", " b"), List.of(": empty name"), List.of("X(y): 1"), List.of("X-Nul: a\0b"),
            List.of("X-Big: " + "b".repeat(20_000)), headers(2000), List.of("Expect: 100-continue"), List.of("Expect: garbage"),
            List.of("Host: a", "Host: b"), List.of("Host: \u00ff\u00fe"), List.of("Authorization: Bearer \u00ff"),
            List.of("Authorization: Basic"), List.of("Origin: http://evil.example"), List.of("Connection: Upgrade", "Upgrade: h2c",
                    "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"), List.of("Connection: Upgrade", "Upgrade: websocket"),
            List.of("Accept: */*;q=garbage"), List.of("Content-Encoding: gzip"), List.of("Range: bytes=999999999999-"));
    private static final List<String> CONTENT_LENGTHS = List.of("-1", "-0", "+5", " 5", "5 ", "0x10", "1e3", "abc", "",
            "99999999999999999999999999", "-99999999999999999999", "00000000000000000000000000001", "9223372036854775807", "9223372036854775808", "18446744073709551616",
            "1099511627776", "2147483648", "4294967296", "1048577", "100000");
    private static final List<String> CHUNKS = List.of("zz\r\n", "-1\r\nab\r\n0\r\n\r\n", "ffffffffffffffffffff\r\nab\r\n",
            "5\r\nab\r\n0\r\n\r\n", "2\r\nab\r\n", "2;x=\0\r\nab\r\n0\r\n\r\n", "0\r\nTrailer: x\r\n\r\n", "2\r\nabcdef\r\n0\r\n\r\n",
            "7fffffff\r\nab", "\r\n\r\n");

    private BadRequests() {
        // Prevent instantiation
    }

    /** Every kind of bad request, the common kinds more often than the costly ones. */
    static Arbitrary<BadRequest> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, randomBytes()),
                Tuple.of(10, garbageAfterRequestLine()),
                Tuple.of(12, BadBodies.brokenJson()),
                Tuple.of(1, BadBodies.oversized()),
                Tuple.of(8, BadBodies.deepNesting()),
                Tuple.of(8, BadBodies.hugeNumbers()),
                Tuple.of(8, BadBodies.invalidUtf8()),
                Tuple.of(10, wrongMethods()),
                Tuple.of(12, wrongHeaders()),
                Tuple.of(8, absurdContentLength()),
                Tuple.of(6, brokenRequestLines()),
                Tuple.of(4, brokenChunks()));
    }

    static Arbitrary<BadRequest> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096).map(bytes -> BadRequest.of("random bytes", bytes));
    }

    /** A plausible request line, then noise where the headers should be. */
    static Arbitrary<BadRequest> garbageAfterRequestLine() {
        return Combinators.combine(Arbitraries.of("POST /tasks", "GET /tasks", "PUT /tasks/1", "GET /"),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(2048))
                .as((line, noise) -> BadRequest.of("garbage after the request line", concat(utf8(line + " HTTP/1.1\r\n"), noise)));
    }

    static Arbitrary<BadRequest> wrongMethods() {
        return Combinators.combine(Arbitraries.of(METHODS), Arbitraries.of(TARGETS), Arbitraries.of("", "{\"name\":\"a\",\"done\":true}"))
                .as((method, target, body) -> BadRequest.of("wrong method or path", raw(method + " " + target + " HTTP/1.1",
                        body.isEmpty() ? List.of() : List.of("Content-Type: application/json", "Content-Length: " + body.length()),
                        utf8(body))));
    }

    static Arbitrary<BadRequest> wrongHeaders() {
        return Combinators.combine(Arbitraries.of(HEADER_FAULTS), BadBodies.writeTargets(), Arbitraries.of(true, false))
                .as((fault, target, lf) -> {
                    byte[] body = utf8("{\"name\":\"a\",\"done\":true}");
                    List<String> headers = new ArrayList<>(fault);
                    if (fault.stream().noneMatch(h -> h.startsWith("Content-Length") || h.startsWith("Transfer-Encoding"))) {
                        headers.add("Content-Length: " + body.length);
                    }
                    byte[] request = raw(target[0] + " " + target[1] + " HTTP/1.1", headers, body);
                    // bare LF line endings instead of CRLF, half of the time
                    return BadRequest.of("wrong headers", lf ? new String(request, StandardCharsets.ISO_8859_1)
                            .replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1) : request);
                });
    }

    static Arbitrary<BadRequest> absurdContentLength() {
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.of(CONTENT_LENGTHS), Arbitraries.longs().map(String::valueOf)),
                        Arbitraries.of("POST /tasks", "PUT /tasks/1", "PATCH /tasks/1", "GET /tasks", "DELETE /tasks/1"),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
                .as((length, line, body) -> BadRequest.of("absurd Content-Length", raw(line + " HTTP/1.1",
                        List.of("Content-Type: application/json", "Content-Length: " + length), body)));
    }

    static Arbitrary<BadRequest> brokenRequestLines() {
        return Arbitraries.of(REQUEST_LINES).map(line -> BadRequest.of("broken request line", raw(line, List.of(), new byte[0])));
    }

    static Arbitrary<BadRequest> brokenChunks() {
        return Combinators.combine(BadBodies.writeTargets(), Arbitraries.of(CHUNKS))
                .as((target, chunks) -> BadRequest.of("broken chunked body", concat(raw(target[0] + " " + target[1] + " HTTP/1.1",
                        List.of("Content-Type: application/json", "Transfer-Encoding: chunked"), new byte[0]), utf8(chunks))));
    }

    /**
     * The start of a request that never ends: headers without their blank line, or a body shorter than
     * its Content-Length. Sent a few bytes at a time, then left hanging.
     */
    static Arbitrary<BadRequest> slowSenders() {
        byte[] full = raw("POST /tasks HTTP/1.1", List.of("Content-Type: application/json", "Content-Length: 100"),
                utf8("{\"name\":\"slow\""));
        return Arbitraries.integers().between(5, full.length)
                .map(cut -> new BadRequest("slow sender", Arrays.copyOf(full, cut), true));
    }

    private static List<String> headers(int count) {
        List<String> many = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            many.add("X-H" + i + ": " + i);
        }
        return many;
    }
}
