package io.github.todo.standalone.reliability;

import static io.github.todo.standalone.reliability.BadRequest.concat;
import static io.github.todo.standalone.reliability.BadRequest.json;
import static io.github.todo.standalone.reliability.BadRequest.utf8;

import com.google.gson.Gson;
import io.github.todo.core.TaskDraft;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/** Generators of bad request bodies on well-framed requests: the JSON faults. */
final class BadBodies {

    private static final Gson GSON = new Gson();

    /** The server's default body limit (--max-body 1m). */
    static final int MAX_BODY = 1024 * 1024;

    private static final List<String> ODD_BODIES = List.of(
            "", " ", "null", "[]", "\"a\"", "123", "true", "{", "}", "{}", "{\"name\":}", "{\"name\":\"a\",}",
            "{\"name\":\"a\" \"done\":true}", "{'name':'a','done':true}", "{name:\"a\",done:true}",
            "{\"name\":\"a\",\"done\":true}{\"name\":\"b\"}", "{\"name\":\"a\",\"done\":true} x",
            "{\"name\":123,\"done\":true}", "{\"name\":{\"a\":1},\"done\":true}", "{\"name\":[\"a\"],\"done\":true}",
            "{\"name\":\"a\",\"done\":\"maybe\"}", "{\"name\":\"a\",\"done\":1}", "{\"name\":\"a\",\"done\":null}",
            "{\"name\":\"a\",\"name\":\"b\",\"done\":true}", "{\"name\":\"\\ud800\",\"done\":true}",
            "{\"name\":\"\\u00\",\"done\":true}", "{\"name\":\"a\\x41\",\"done\":true}", "{\"name\":\"\u0000\",\"done\":true}",
            "/* c */{\"name\":\"a\",\"done\":true}", "\uFEFF{\"name\":\"a\",\"done\":true}", "{\"id\":-1,\"name\":\"a\",\"done\":true}",
            "{\"name\":\"   \",\"done\":true}", "{\"name\":\"" + "x".repeat(1001) + "\",\"done\":true}");

    private static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xFE, (byte) 0xFF});

    private BadBodies() {
        // Prevent instantiation
    }

    /** Where a body goes: POST /tasks, or PUT or PATCH on a task that may or may not exist. */
    static Arbitrary<String[]> writeTargets() {
        Arbitrary<Long> id = Arbitraries.longs().between(1, 50);
        return Combinators.combine(Arbitraries.of("POST", "PUT", "PATCH"), id)
                .as((method, task) -> new String[] {method, method.equals("POST") ? "/tasks" : "/tasks/" + task});
    }

    /** Valid JSON cut short or with one character changed, and a list of classic near-misses. */
    static Arbitrary<BadRequest> brokenJson() {
        Arbitrary<String> valid = Combinators.combine(Arbitraries.strings().ofMaxLength(40), Arbitraries.of(true, false))
                .as((name, done) -> GSON.toJson(new TaskDraft(name, done)));
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 1000), Arbitraries.chars().ascii(),
                Arbitraries.of("cut", "replace", "insert"))
                .as((body, at, c, how) -> {
                    int i = at % (body.length() + 1);
                    return switch (how) {
                        case "cut" -> body.substring(0, i);
                        case "replace" -> i < body.length() ? body.substring(0, i) + c + body.substring(i + 1) : body + c;
                        default -> body.substring(0, i) + c + body.substring(i);
                    };
                });
        Arbitrary<String> body = Arbitraries.oneOf(mutated, Arbitraries.of(ODD_BODIES));
        return Combinators.combine(writeTargets(), body)
                .as((target, text) -> BadRequest.of("broken JSON", json(target[0], target[1], utf8(text))));
    }

    /** Bodies just over the limit, declared honestly, or sent chunked without a length. */
    static Arbitrary<BadRequest> oversized() {
        return Combinators.combine(writeTargets(), Arbitraries.integers().between(1, 64 * 1024), Arbitraries.of(true, false))
                .as((target, extra, chunked) -> {
                    byte[] body = utf8("{\"name\":\"" + "a".repeat(MAX_BODY + extra) + "\",\"done\":true}");
                    if (!chunked) {
                        return BadRequest.of("oversized JSON", json(target[0], target[1], body));
                    }
                    byte[] head = BadRequest.raw(target[0] + " " + target[1] + " HTTP/1.1",
                            List.of("Content-Type: application/json", "Transfer-Encoding: chunked"), new byte[0]);
                    return BadRequest.of("oversized JSON, chunked", concat(head,
                            utf8(Integer.toHexString(body.length) + "\r\n"), body, utf8("\r\n0\r\n\r\n")));
                });
    }

    /** Arrays and objects nested up to 100,000 deep, closed or not, at the top or inside a member. */
    static Arbitrary<BadRequest> deepNesting() {
        return Combinators.combine(writeTargets(), Arbitraries.integers().between(1, 100_000).withDistribution(
                        RandomDistribution.biased()),
                Arbitraries.of("[", "{\"a\":", "[{\"b\":"), Arbitraries.of("top", "name", "done", "other"), Arbitraries.of(true, false))
                .as((target, depth, open, where, closed) -> {
                    String close = switch (open) {
                        case "[" -> "]";
                        case "{\"a\":" -> "}";
                        default -> "}]";
                    };
                    String nest = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
                    String body = where.equals("top") ? nest : "{\"name\":\"n\",\"done\":true,\"" + where + "\":" + nest + "}";
                    return BadRequest.of("deep nesting", json(target[0], target[1], utf8(body)));
                });
    }

    /** Numbers far beyond 64 bits in bodies, ids and paging parameters. */
    static Arbitrary<BadRequest> hugeNumbers() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5000);
        Arbitrary<String> number = Combinators.combine(Arbitraries.of("", "-"), digits,
                        Arbitraries.of("", ".5", "e999999999", "E-999999999", "e+400", ".0e1"))
                .as((sign, d, tail) -> sign + d + tail);
        Arbitrary<String> special = Arbitraries.of("NaN", "Infinity", "-Infinity", "-0", "0x10", "1e", "--1", "+1", "9223372036854775808");
        Arbitrary<String> any = Arbitraries.oneOf(number, special);
        return Combinators.combine(writeTargets(), any, Arbitraries.of("name", "done", "id", "other", "path", "query"))
                .as((target, n, where) -> {
                    String member = "{\"name\":\"n\",\"done\":true,\"" + where + "\":" + n + "}";
                    return switch (where) {
                        case "path" -> BadRequest.of("huge number", BadRequest.raw("GET /tasks/" + n + " HTTP/1.1", List.of(), new byte[0]));
                        case "query" -> BadRequest.of("huge number", BadRequest.raw(
                                "GET /tasks?limit=" + n + "&after=" + n + " HTTP/1.1", List.of(), new byte[0]));
                        case "name", "done" -> BadRequest.of("huge number", json(target[0], target[1],
                                utf8("{\"" + where + "\":" + n + (where.equals("name") ? ",\"done\":true}" : ",\"name\":\"n\"}"))));
                        default -> BadRequest.of("huge number", json(target[0], target[1], utf8(member)));
                    };
                });
    }

    /** Malformed UTF-8 in a name, a member name, a path, a query and a header. */
    static Arbitrary<BadRequest> invalidUtf8() {
        return Combinators.combine(writeTargets(), Arbitraries.of(INVALID_UTF8), Arbitraries.of("name", "member", "path", "query",
                        "header", "percent"))
                .as((target, bad, where) -> BadRequest.of("invalid UTF-8", switch (where) {
                    case "name" -> json(target[0], target[1], concat(utf8("{\"name\":\"a"), bad, utf8("\",\"done\":true}")));
                    case "member" -> json(target[0], target[1], concat(utf8("{\""), bad, utf8("\":1,\"name\":\"a\",\"done\":true}")));
                    case "path" -> concat(utf8("GET /tasks/"), bad, utf8(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
                    case "query" -> concat(utf8("GET /tasks?limit=1&done="), bad, utf8(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
                    case "header" -> concat(utf8("GET /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note: "), bad, utf8("\r\n\r\n"));
                    default -> BadRequest.raw("GET /tasks/" + percent(bad) + "?done=" + percent(bad) + " HTTP/1.1", List.of(), new byte[0]);
                }));
    }

    private static String percent(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%%%02X", b & 0xff));
        }
        return text.toString();
    }
}
