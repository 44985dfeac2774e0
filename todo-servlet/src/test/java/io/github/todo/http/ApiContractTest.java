package io.github.todo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

/**
 * The HTTP contract, written once. Each way of serving the API (servlet in Tomcat, the WAR in
 * Tomcat and Jetty, the standalone Undertow server) extends this class and only starts and stops
 * its server. The server must run with the default settings (server name {@code todo}, 1 MiB bodies,
 * 1000-character names, no token); metrics may be on (the server's default) or off (the WAR's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiContractTest {

    /**
     * A failure names the server it happened on: the build log reports each section under
     * ApiContractTest's own name (ApiContractTest$ClientMistakes), whichever server runs it.
     */
    @RegisterExtension
    final TestExecutionExceptionHandler nameTheServer = (context, failure) -> {
        if (failure instanceof TestAbortedException) {
            throw failure; // a skip stays a skip
        }
        throw new AssertionError("[on " + getClass().getSimpleName() + "] " + failure, failure);
    };

    protected HttpProbe http;
    private Path dir;

    /** Starts the server with a fresh database in {@code dir}; returns where the API is mounted. */
    protected abstract URI start(Path dir) throws Exception;

    /** Stops the server and closes its store. */
    protected abstract void stop() throws Exception;

    /** The client the suite sends with, for the API at {@code base}: plain HTTP/1.1 unless a server says otherwise. */
    protected HttpProbe probe(URI base) {
        return new HttpProbe(base);
    }

    @BeforeAll
    void startServer() throws Exception {
        dir = Files.createTempDirectory("todo-contract");
        http = probe(start(dir));
    }

    @AfterAll
    void stopServer() throws Exception {
        stop();
    }

    /** The endpoints of the seed article, with the same answers: hello, info, create, read, update, delete, list. */
    @Nested
    class SeedEndpoints {

        @Test
        void hello_world_is_plain_text() {
            HttpResponse<String> response = http.get("/");
            assertEquals(200, response.statusCode());
            assertEquals("Hello, world!", response.body());
            assertTrue(contentType(response).startsWith("text/plain"));
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
        }

        @Test
        void info_names_the_server_in_one_token() {
            HttpResponse<String> response = http.get("/info");
            assertEquals(200, response.statusCode());
            assertEquals("todo", response.body());
            assertTrue(contentType(response).startsWith("text/plain"));
        }

        @Test
        void create_answers_201_with_location_and_the_task() {
            HttpResponse<String> response = http.json("POST", "/tasks", "{\"name\": \"Test Task\", \"done\": false}");
            assertEquals(201, response.statusCode());
            assertTrue(contentType(response).startsWith("application/json"));
            JsonObject task = object(response);
            long id = task.get("id").getAsLong();
            assertTrue(id > 0);
            assertEquals("Test Task", task.get("name").getAsString());
            assertFalse(task.get("done").getAsBoolean());
            assertEquals(3, task.size(), "exactly id, name, done");
            assertEquals(http.basePath() + "/tasks/" + id, response.headers().firstValue("Location").orElse(null));
        }

        @Test
        void read_update_delete_round_trip() {
            long id = create("round trip", false);
            HttpResponse<String> read = http.get("/tasks/" + id);
            assertEquals(200, read.statusCode());
            assertEquals(task(id, "round trip", false), object(read));

            HttpResponse<String> put = http.json("PUT", "/tasks/" + id, "{\"name\": \"Updated Task\", \"done\": true}");
            assertEquals(200, put.statusCode());
            assertEquals(task(id, "Updated Task", true), object(put));
            assertEquals(task(id, "Updated Task", true), object(http.get("/tasks/" + id)));

            HttpResponse<String> delete = http.delete("/tasks/" + id);
            assertEquals(204, delete.statusCode());
            assertEquals("", delete.body());
            assertProblem(http.get("/tasks/" + id), 404, null);
            assertProblem(http.delete("/tasks/" + id), 404, null);
        }

        @Test
        void list_returns_every_task_in_id_order() {
            long a = create("list a", false);
            long b = create("list b", true);
            for (String path : List.of("/tasks", "/tasks/")) {
                HttpResponse<String> response = http.get(path);
                assertEquals(200, response.statusCode());
                assertTrue(contentType(response).startsWith("application/json"));
                JsonArray all = JsonParser.parseString(response.body()).getAsJsonArray();
                List<Long> ids = new ArrayList<>();
                all.forEach(e -> ids.add(e.getAsJsonObject().get("id").getAsLong()));
                assertEquals(ids.stream().sorted().toList(), ids, "id order");
                assertTrue(all.contains(task(a, "list a", false)));
                assertTrue(all.contains(task(b, "list b", true)));
            }
        }
    }

    /** What the API adds to them: PATCH, pages, health, OPTIONS and HEAD, lenient bodies, exact names. */
    @Nested
    class TaskFeatures {

        @Test
        void patch_changes_only_the_given_fields() {
            long id = create("patch me", false);
            assertEquals(task(id, "patch me", true), object(http.json("PATCH", "/tasks/" + id, "{\"done\": true}")));
            assertEquals(task(id, "patched", true), object(http.json("PATCH", "/tasks/" + id, "{\"name\": \"patched\"}")));
            HttpResponse<String> empty = http.json("PATCH", "/tasks/" + id, "{}");
            assertEquals(200, empty.statusCode());
            assertEquals(task(id, "patched", true), object(empty));
        }

        @Test
        void pages_follow_the_link_header() {
            long first = create("page 0", false);
            for (int i = 1; i < 5; i++) {
                create("page " + i, i % 2 == 0);
            }
            HttpResponse<String> page1 = http.get("/tasks?limit=2&after=" + (first - 1));
            assertEquals(200, page1.statusCode());
            assertEquals(List.of(first, first + 1), ids(page1));
            String link = page1.headers().firstValue("Link").orElseThrow();
            assertEquals("<" + http.basePath() + "/tasks?limit=2&after=" + (first + 1) + ">; rel=\"next\"", link);

            HttpResponse<String> page2 = http.get(link.substring(http.basePath().length() + 1, link.indexOf('>')));
            assertEquals(List.of(first + 2, first + 3), ids(page2));
            HttpResponse<String> last = http.get("/tasks?limit=2&after=" + (first + 3));
            assertEquals(List.of(first + 4), ids(last));
            assertTrue(last.headers().firstValue("Link").isEmpty(), "no next page after the last");

            HttpResponse<String> done = http.get("/tasks?done=true&limit=10&after=" + (first - 1));
            assertEquals(List.of(first + 2, first + 4), ids(done));
            HttpResponse<String> open = http.get("/tasks?done=false&limit=1&after=" + (first - 1));
            assertEquals(List.of(first), ids(open));
            assertEquals("<" + http.basePath() + "/tasks?limit=1&after=" + first + "&done=false>; rel=\"next\"",
                    open.headers().firstValue("Link").orElseThrow());
        }

        @Test
        void health_is_up_while_the_database_answers() {
            HttpResponse<String> response = http.get("/health");
            assertEquals(200, response.statusCode());
            assertEquals("UP", object(response).get("status").getAsString());
        }

        @Test
        void options_lists_the_allowed_methods() {
            HttpResponse<String> tasks = http.send("OPTIONS", "/tasks", null, null);
            assertEquals(204, tasks.statusCode());
            assertEquals("GET, HEAD, POST, PATCH, DELETE, OPTIONS", tasks.headers().firstValue("Allow").orElse(null));
            HttpResponse<String> one = http.send("OPTIONS", "/tasks/1", null, null);
            assertEquals(204, one.statusCode());
            assertEquals("GET, HEAD, PUT, PATCH, DELETE, OPTIONS", one.headers().firstValue("Allow").orElse(null));
        }

        @Test
        void head_answers_like_get_without_a_body() {
            HttpResponse<String> response = http.send("HEAD", "/", null, null);
            assertEquals(200, response.statusCode());
            assertEquals("", response.body());
        }

        @Test
        void the_body_may_carry_extra_fields_an_id_strings_for_done_and_no_content_type() {
            HttpResponse<String> response = http.json("POST", "/tasks",
                    "{\"id\": 999999, \"name\": \"extras\", \"done\": \"true\", \"tags\": [1, {\"a\": null}], \"due\": 1e308}");
            assertEquals(201, response.statusCode());
            long id = object(response).get("id").getAsLong();
            assertTrue(id != 999999, "an id in the body never sets the id");
            assertEquals(task(id, "extras", true), object(response));

            HttpResponse<String> put = http.json("PUT", "/tasks/" + id, "{\"id\": " + (id + 1) + ", \"name\": \"x\", \"done\": \"false\"}");
            assertEquals(task(id, "x", false), object(put));

            HttpResponse<String> charset = http.send("POST", "/tasks", "application/json; charset=UTF-8",
                    "{\"name\":\"with charset\",\"done\":false}".getBytes(StandardCharsets.UTF_8));
            assertEquals(201, charset.statusCode());
            HttpResponse<String> vendor = http.send("POST", "/tasks", "application/merge-patch+json",
                    "{\"name\":\"vendor json\",\"done\":false}".getBytes(StandardCharsets.UTF_8));
            assertEquals(201, vendor.statusCode());
        }

        @Test
        void names_round_trip_exactly_over_http() {
            for (String name : List.of("emoji \uD83D\uDE80", "\u05E9\u05DC\u05D5\u05DD", "e\u0301",
                    "quote \" backslash \\", "'; DROP TABLE tasks; --", "<script>alert(1)</script>", "line\u2028separators\u2029")) {
                JsonObject body = new JsonObject();
                body.addProperty("name", name);
                body.addProperty("done", false);
                HttpResponse<String> created = http.json("POST", "/tasks", body.toString());
                assertEquals(201, created.statusCode(), name);
                long id = object(created).get("id").getAsLong();
                assertEquals(name, object(http.get("/tasks/" + id)).get("name").getAsString());
            }
        }

        @Test
        void a_name_of_exactly_the_limit_is_accepted() {
            HttpResponse<String> response = http.json("POST", "/tasks", "{\"name\": \"" + "x".repeat(1000) + "\", \"done\": false}");
            assertEquals(201, response.statusCode());
        }

        @Test
        void unknown_fields_nested_a_little_are_skipped_and_deep_nesting_is_refused() {
            String shallow = "[".repeat(100) + "]".repeat(100);
            assertEquals(201, http.json("POST", "/tasks", "{\"name\": \"nested\", \"done\": false, \"x\": " + shallow + "}").statusCode());
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            assertProblem(http.json("POST", "/tasks", "{\"name\": \"deep\", \"done\": false, \"x\": " + deep + "}"), 400, "body");
        }
    }

    /** Client mistakes: each one a 400-class problem, and the server keeps serving. */
    @Nested
    class ClientMistakes {

        static Stream<Arguments> badRequests() {
            String tooLong = "x".repeat(1001);
            return Stream.of(
                    bad("POST", "/tasks", "{\"name\": \"x\",", 400, "body"),
                    bad("POST", "/tasks", "{\"name\": \"x\", \"done\": fal", 400, "body"),
                    bad("POST", "/tasks", "[]", 400, "body"),
                    bad("POST", "/tasks", "\"just a string\"", 400, "body"),
                    bad("POST", "/tasks", "42", 400, "body"),
                    bad("POST", "/tasks", "null", 400, "body"),
                    bad("POST", "/tasks", "", 400, "body"),
                    bad("POST", "/tasks", "{}", 400, "name"),
                    bad("POST", "/tasks", "{\"done\": false}", 400, "name"),
                    bad("POST", "/tasks", "{\"name\": \"x\"}", 400, "done"),
                    bad("POST", "/tasks", "{\"name\": 5, \"done\": false}", 400, "name"),
                    bad("POST", "/tasks", "{\"name\": [\"x\"], \"done\": false}", 400, "name"),
                    bad("POST", "/tasks", "{\"name\": null, \"done\": false}", 400, "name"),
                    bad("POST", "/tasks", "{\"name\": \"   \", \"done\": false}", 400, "name"),
                    bad("POST", "/tasks", "{\"name\": \"\", \"done\": false}", 400, "name"),
                    bad("POST", "/tasks", "{\"name\": \"" + tooLong + "\", \"done\": false}", 400, "name"),
                    // PostgreSQL's TEXT cannot hold U+0000, so no backend takes it
                    bad("POST", "/tasks", "{\"name\": \"nul \\u0000 x\", \"done\": false}", 400, "name"),
                    bad("PATCH", "/tasks/1", "{\"name\": \"\\u0000\"}", 400, "name"),
                    bad("POST", "/tasks", "{\"name\": \"x\", \"done\": \"yes\"}", 400, "done"),
                    bad("POST", "/tasks", "{\"name\": \"x\", \"done\": 1}", 400, "done"),
                    bad("POST", "/tasks", "{\"name\": \"x\", \"done\": {}}", 400, "done"),
                    bad("POST", "/tasks", "{\"name\": \"x\", \"done\": 1e999999}", 400, "done"),
                    bad("POST", "/tasks", "{\"name\": \"x\", \"done\": false} trailing", 400, "body"),
                    bad("POST", "/tasks", "{'name': 'x', 'done': false}", 400, "body"),
                    bad("POST", "/tasks", "{\"name\": \"x\", \"done\": false, \"x\": " + "[".repeat(50_000), 400, "body"),
                    bad("PUT", "/tasks/1", "{\"name\": \"x\"}", 400, "done"),
                    bad("PUT", "/tasks/1", "{\"done\": true}", 400, "name"),
                    bad("PUT", "/tasks/abc", "{\"name\": \"x\", \"done\": true}", 400, "id"),
                    bad("PATCH", "/tasks/1", "{\"name\": \"\"}", 400, "name"),
                    bad("PATCH", "/tasks/1", "{\"done\": \"maybe\"}", 400, "done"),
                    bad("PATCH", "/tasks/1", "[1, 2]", 400, "body"),
                    // null would read as "keep" in a PATCH: refused, as PUT and POST refuse it
                    bad("PATCH", "/tasks/1", "{\"name\": null}", 400, "name"),
                    bad("PATCH", "/tasks/1", "{\"done\": null}", 400, "done"),
                    bad("PUT", "/tasks/1", "{\"name\": \"x\", \"done\": null}", 400, "done"),
                    // which of two would count depends on the parser: neither does
                    bad("POST", "/tasks", "{\"name\": \"a\", \"name\": \"b\", \"done\": false}", 400, "name"),
                    bad("PATCH", "/tasks/1", "{\"done\": true, \"done\": false}", 400, "done"),
                    bad("GET", "/tasks/0", null, 400, "id"),
                    bad("GET", "/tasks/-1", null, 400, "id"),
                    bad("GET", "/tasks/99999999999999999999", null, 400, "id"),
                    bad("GET", "/tasks/9223372036854775808", null, 400, "id"),
                    bad("GET", "/tasks/1.5", null, 400, "id"),
                    bad("GET", "/tasks/%2B1", null, 400, "id"),
                    bad("DELETE", "/tasks/x1", null, 400, "id"),
                    bad("GET", "/tasks?limit=0", null, 400, "limit"),
                    bad("GET", "/tasks?limit=1001", null, 400, "limit"),
                    bad("GET", "/tasks?limit=ten", null, 400, "limit"),
                    // digits of other scripts: U+0661 ARABIC-INDIC DIGIT ONE, which parseLong reads as 1
                    bad("GET", "/tasks?limit=%D9%A1", null, 400, "limit"),
                    bad("GET", "/tasks?after=%D9%A1", null, 400, "after"),
                    bad("GET", "/tasks/%D9%A1", null, 400, "id"),
                    bad("GET", "/tasks?after=-5", null, 400, "after"),
                    bad("GET", "/tasks?done=maybe", null, 400, "done"),
                    bad("GET", "/nope", null, 404, null),
                    bad("GET", "/tasks/1/extra", null, 404, null),
                    bad("GET", "/tasks/9223372036854775807", null, 404, null),
                    bad("PUT", "/tasks/9223372036854775807", "{\"name\": \"x\", \"done\": true}", 404, null),
                    bad("PATCH", "/tasks/9223372036854775807", "{\"done\": true}", 404, null),
                    bad("DELETE", "/tasks/9223372036854775807", null, 404, null),
                    bad("PUT", "/tasks", "{\"name\": \"x\", \"done\": true}", 405, null),
                    bad("DELETE", "/tasks", null, 400, "done"),
                    bad("DELETE", "/tasks?done=maybe", null, 400, "done"),
                    bad("PATCH", "/tasks", "{\"name\": \"all the same\", \"done\": true}", 400, "name"),
                    bad("PATCH", "/tasks", "{}", 400, "done"),
                    bad("PATCH", "/tasks?done=yes", "{\"done\": true}", 400, "done"),
                    bad("GET", "/tasks/count?done=1", null, 400, "done"),
                    bad("POST", "/tasks/count", "{}", 405, null),
                    bad("POST", "/tasks/1", "{\"name\": \"x\", \"done\": true}", 405, null),
                    bad("PUT", "/", "{}", 405, null),
                    bad("POST", "/info", "{}", 405, null),
                    bad("DELETE", "/health", null, 405, null)
            );
        }

        private static Arguments bad(String method, String path, String body, int status, String field) {
            String label = method + " " + path + " " + (body == null ? "" : body.length() > 40 ? body.substring(0, 40) + "..." : body);
            return Arguments.of(label, method, path, body, status, field);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badRequests")
        void a_bad_request_gets_a_problem_and_the_server_keeps_serving(String label, String method, String path, String body,
                                                                      int status, String field) {
            assertProblem(http.json(method, path, body), status, field);
        }

        @Test
        void a_wrong_method_names_the_allowed_ones() {
            HttpResponse<String> response = http.json("PUT", "/tasks", "{\"name\": \"x\", \"done\": true}");
            assertProblem(response, 405, null);
            assertEquals("GET, HEAD, POST, PATCH, DELETE, OPTIONS", response.headers().firstValue("Allow").orElse(null));
        }

        @Test
        void a_body_that_is_not_json_gets_415() {
            byte[] body = "{\"name\": \"x\", \"done\": false}".getBytes(StandardCharsets.UTF_8);
            assertProblem(http.send("POST", "/tasks", "text/plain", body), 415, "Content-Type");
            assertProblem(http.send("POST", "/tasks", "application/x-www-form-urlencoded", "name=x&done=false".getBytes(StandardCharsets.UTF_8)), 415, "Content-Type");
            assertProblem(http.send("PUT", "/tasks/1", "application/xml", body), 415, "Content-Type");
            assertProblem(http.send("PATCH", "/tasks/1", "text/json-ish", body), 415, "Content-Type");
            // no type at all: what a page of another site may send without a CORS preflight
            assertProblem(http.send("POST", "/tasks", null, body), 415, "Content-Type");
            assertProblem(http.send("PUT", "/tasks/1", null, body), 415, "Content-Type");
        }

        @Test
        void invalid_utf8_is_refused_not_replaced() {
            byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', ',', '"', 'd', 'o', 'n', 'e', '"', ':', 'f', 'a', 'l', 's', 'e', '}'};
            assertProblem(http.send("POST", "/tasks", "application/json", body), 400, "body");
        }

        @Test
        void a_body_over_the_limit_gets_413() {
            String padding = "x".repeat(1024 * 1024);
            assertProblem(http.json("POST", "/tasks", "{\"name\": \"x\", \"done\": false, \"pad\": \"" + padding + "\"}"), 413, "body");
        }

        @Test
        void an_absurd_content_length_gets_413_before_the_body_is_read() {
            HttpProbe.Raw response = http.raw("POST " + http.basePath() + "/tasks HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 999999999999",
                    "{\"name\":".getBytes(StandardCharsets.UTF_8));
            assertEquals(413, response.status());
            assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.headers());
            assertServing();
        }

        @Test
        void a_chunked_body_over_the_limit_gets_413() {
            StringBuilder chunks = new StringBuilder();
            String chunk = "x".repeat(64 * 1024);
            String start = "{\"name\":\"x\",\"pad\":\"";
            chunks.append(Integer.toHexString(start.length())).append("\r\n").append(start).append("\r\n");
            for (int i = 0; i < 20; i++) {
                chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            chunks.append("0\r\n\r\n");
            HttpProbe.Raw response = http.raw("POST " + http.basePath() + "/tasks HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                    chunks.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(413, response.status(), response.headers());
            assertServing();
        }

        static Stream<Arguments> bodiesOverTheLimit() {
            List<Arguments> cases = new ArrayList<>();
            long mib = 1024 * 1024;
            for (long size : new long[] {mib + 1, 2 * mib + 100, 10 * mib, 100 * mib}) {
                for (boolean chunked : new boolean[] {false, true}) {
                    cases.add(Arguments.of(size, chunked, false, false));
                    cases.add(Arguments.of(size, chunked, true, false));
                    if (size < 100 * mib) {
                        cases.add(Arguments.of(size, chunked, false, true));
                    }
                }
            }
            return cases.stream();
        }

        /**
         * Every body over the limit gets a readable 413 problem, whatever its size and framing: a
         * client that writes its whole request before reading gets to write it all (the server reads
         * the rest past after answering) and then reads the answer, never a reset connection. One
         * that waits for 100 Continue gets the 413 instead and sends nothing. A connection left open
         * still frames the next request right.
         */
        @ParameterizedTest(name = "{0} bytes, chunked {1}, Expect: 100-continue {2}, Connection: close {3}")
        @MethodSource("bodiesOverTheLimit")
        void every_body_over_the_limit_gets_a_readable_413(long size, boolean chunked, boolean expectContinue, boolean close) {
            HttpProbe.Oversized result = http.oversized(size, chunked, expectContinue, close);
            assertEquals(413, result.answer().status(), result.answer().headers());
            assertTrue(result.answer().header("Content-Type").startsWith("application/problem+json"), result.answer().headers());
            assertTrue(result.answer().body().contains("larger than the limit"), result.answer().body());
            if (!expectContinue || result.continued()) {
                assertTrue(result.bodySent(), "the server stopped reading before the body's end: the client got a reset while sending");
            }
            if (result.next() != null) {
                assertEquals(200, result.next().status(), result.next().headers());
                assertEquals("Hello, world!", result.next().body());
            }
            assertServing();
        }

        /**
         * A transfer coding the server does not implement is refused (RFC 9112 6.1), never read as
         * chunked: a front end that framed the body another way would disagree about where the next
         * request starts. The containers answer 400 or 501 themselves; Undertow's adapter, 400.
         */
        @ParameterizedTest
        @ValueSource(strings = {"gzip, chunked", "xchunked"})
        void an_unknown_transfer_coding_is_refused(String coding) {
            String body = "{\"name\":\"smuggled\",\"done\":false}";
            String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
            HttpProbe.Raw response = http.raw("POST " + http.basePath() + "/tasks HTTP/1.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: " + coding, chunked.getBytes(StandardCharsets.UTF_8));
            assertTrue(response.status() == 400 || response.status() == 501, response.status() + " " + response.headers());
            // on a route that refuses the request anyway (no such resource) too: the framing comes first
            HttpProbe.Raw nowhere = http.raw("POST " + http.basePath() + "/nowhere HTTP/1.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: " + coding, chunked.getBytes(StandardCharsets.UTF_8));
            assertTrue(nowhere.status() == 400 || nowhere.status() == 501, nowhere.status() + " " + nowhere.headers());
            assertServing();
        }
    }

    /** The API description, the docs page, the web app, the health endpoints and the metrics. */
    @Nested
    class DocsAppHealthAndMetrics {

        @Test
        void every_documented_operation_answers_as_documented() {
            List<String> failures = OpenApiWalk.run(http);
            assertTrue(failures.isEmpty(), "not as /openapi.json says:\n" + String.join("\n", failures));
        }

        @Test
        void the_docs_page_runs_swagger_ui_from_this_server_on_the_relative_openapi_json() {
            HttpResponse<String> page = http.get("/docs");
            assertEquals(200, page.statusCode());
            assertTrue(contentType(page).startsWith("text/html"), contentType(page));
            List<String> links = links(page.body());
            assertTrue(links.contains("docs/init.js"), links.toString());
            for (String link : links) {
                assertFalse(link.contains("//") || link.startsWith("/"), "relative and on this server, no CDN: " + link);
                HttpResponse<String> file = http.get("/" + link);
                assertEquals(200, file.statusCode(), link);
                String expected = link.contains(".css") ? "text/css" : link.contains(".json") ? "application/json"
                        : link.contains(".js") ? "text/javascript" : "image/png";
                assertTrue(contentType(file).startsWith(expected), link + ": " + contentType(file));
                if (link.contains("?v=")) {
                    assertEquals("public, max-age=31536000, immutable", file.headers().firstValue("Cache-Control").orElse(null), link);
                }
            }
            assertTrue(http.get("/docs/init.js").body().contains("url: \"./openapi.json\""));
            assertEquals("3.1.0", OpenApiWalk.document(http).get("openapi").getAsString());
            HttpResponse<String> slash = http.get("/docs/");
            assertEquals(301, slash.statusCode());
            assertEquals(http.basePath() + "/docs", slash.headers().firstValue("Location").orElse(null));
        }

        @Test
        void the_app_is_served_at_its_slash_with_relative_links() {
            HttpResponse<String> redirect = http.get("/app");
            assertEquals(301, redirect.statusCode());
            assertEquals(http.basePath() + "/app/", redirect.headers().firstValue("Location").orElse(null));
            HttpResponse<String> page = http.get("/app/");
            assertEquals(200, page.statusCode());
            assertTrue(contentType(page).startsWith("text/html"));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
            assertEquals(List.of("data:,", "app.css", "app.js", "../docs"), links(page.body()));
            assertTrue(contentType(http.get("/app/app.css")).startsWith("text/css"));
            assertTrue(http.get("/app/app.js").body().contains("\"../tasks\""), "the API, relative to the page");
        }

        @Test
        void files_carry_an_etag_answer_304_to_it_and_come_gzipped_when_asked() {
            HttpResponse<byte[]> plain = http.bytes("/app/app.js", java.util.Map.of());
            String etag = plain.headers().firstValue("ETag").orElseThrow();
            assertEquals("no-cache", plain.headers().firstValue("Cache-Control").orElse(null));
            HttpResponse<String> again = http.request("GET", "/app/app.js", java.util.Map.of("If-None-Match", etag), null);
            assertEquals(304, again.statusCode());
            assertEquals("", again.body());
            HttpResponse<byte[]> gzipped = http.bytes("/app/app.js", java.util.Map.of("Accept-Encoding", "gzip"));
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
            assertEquals(etag, gzipped.headers().firstValue("ETag").orElse(null));
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
                assertTrue(java.util.Arrays.equals(plain.body(), in.readAllBytes()), "the same file");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            HttpResponse<byte[]> refused = http.bytes("/app/app.js", java.util.Map.of("Accept-Encoding", "gzip;q=0, identity"));
            assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
        }

        /** Ways out of /docs/ and /app/ toward files the API never serves, whatever the container normalises. */
        static Stream<String> escapes() {
            return Stream.of("/docs/../../etc/passwd", "/app/../../../../../../etc/passwd", "/docs/%2e%2e/%2e%2e/etc/passwd",
                    "/docs/..%2f..%2f..%2fetc%2fpasswd", "/docs/..%252f..%252fetc%252fpasswd", "/app/..%5c..%5cetc%5cpasswd",
                    "/docs//etc/passwd", "/app/file:%2f%2f%2fetc%2fpasswd", "/app/app.js%00.png", "/app/.hidden",
                    "/app/..%2f..%2f..%2fio%2fgithub%2ftodo%2fcore%2finternal%2fmapper%2fTaskMapper.xml",
                    "/docs/..%2f..%2f..%2f..%2fMETA-INF%2fMANIFEST.MF",
                    "/docs/%2e%2e%2f%2e%2e%2fmaven%2forg.webjars%2fswagger-ui%2fpom.properties",
                    "/docs/swagger-ui.css%2f..%2f..%2f..%2f..%2fmaven%2forg.webjars%2fswagger-ui%2fpom.properties",
                    "/docs/index.html", "/docs/swagger-initializer.js");
        }

        @ParameterizedTest
        @MethodSource("escapes")
        void no_file_path_escapes_its_folder(String path) {
            HttpProbe.Raw response = http.raw("GET " + http.basePath() + path + " HTTP/1.1", new byte[0]);
            assertTrue(response.status() >= 400 && response.status() < 500, path + " answered " + response.status());
            for (String secret : List.of("root:", "Manifest-Version", "<mapper", "artifactId=", "petstore")) {
                assertFalse(response.body().contains(secret), path + ": " + response.body());
            }
            assertServing();
        }

        @Test
        void liveness_and_readiness_are_separate_and_health_stays_readiness() {
            for (String path : List.of("/health/live", "/health/ready", "/health")) {
                HttpResponse<String> response = http.get(path);
                assertEquals(200, response.statusCode(), path);
                assertEquals("UP", object(response).get("status").getAsString(), path);
            }
        }

        @Test
        void metrics_are_prometheus_text_when_on_and_a_problem_when_off() {
            http.get("/tasks/" + create("measured", false));
            HttpResponse<String> metrics = http.get("/metrics");
            if (metrics.statusCode() == 404) {
                assertProblem(metrics, 404, null); // the WAR's default
                return;
            }
            assertEquals(200, metrics.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", contentType(metrics));
            for (String expected : List.of("http_server_requests_seconds_count{method=\"GET\",status=\"200\",uri=\"/tasks/{id}\"}",
                    "http_server_requests_seconds_bucket{method=\"POST\",status=\"201\",uri=\"/tasks\",le=\"0.001\"}",
                    "todo_writer_writes_total ", "todo_writer_batches_total ", "todo_writer_queue_depth",
                    "hikaricp_connections_active", "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds",
                    "system_cpu_count")) {
                assertTrue(metrics.body().contains(expected), expected);
            }
        }

        /** The href and src values of a page, in order. */
        private static List<String> links(String html) {
            List<String> links = new ArrayList<>();
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
            while (matcher.find()) {
                links.add(matcher.group(1));
            }
            return links;
        }
    }

    protected long create(String name, boolean done) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("done", done);
        HttpResponse<String> response = http.json("POST", "/tasks", body.toString());
        assertEquals(201, response.statusCode(), response.body());
        return object(response).get("id").getAsLong();
    }

    protected void assertProblem(HttpResponse<String> response, int status, String field) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", contentType(response).split(";")[0].trim(), response.body());
        JsonObject problem = object(response);
        assertEquals("about:blank", problem.get("type").getAsString());
        assertNotNull(problem.get("title"));
        assertEquals(status, problem.get("status").getAsInt());
        String detail = problem.get("detail").getAsString();
        assertFalse(detail.isBlank());
        assertFalse(detail.contains("Exception") || detail.contains("\tat "), "no stack trace: " + detail);
        if (field == null) {
            assertNull(problem.get("field"), response.body());
        } else {
            assertEquals(field, problem.get("field").getAsString(), response.body());
        }
        assertServing();
    }

    /**
     * The set operations a todo list needs: "N items left", "mark all as complete", "clear
     * completed". Other tests' tasks share the server, so these compare counts before and after.
     */
    @Nested
    class SetOperations {

        private long member(HttpResponse<String> response, String name) {
            assertEquals(200, response.statusCode(), response.body());
            return object(response).get(name).getAsLong();
        }

        @Test
        void count_patch_all_and_clear_completed() {
            HttpResponse<String> before = http.get("/tasks/count");
            long total = member(before, "total");
            assertEquals(total, member(before, "done") + member(before, "open"));
            long open = create("count me", false);
            long done = create("count me too", true);
            HttpResponse<String> after = http.get("/tasks/count");
            assertEquals(total + 2, member(after, "total"));
            assertEquals(member(before, "done") + 1, member(after, "done"));
            assertEquals(member(after, "done"), member(http.get("/tasks/count?done=true"), "total"));
            assertEquals(member(after, "open"), member(http.get("/tasks/count?done=false"), "total"));

            // mark all as complete: every open task changes, and only those
            long stillOpen = member(after, "open");
            assertEquals(stillOpen, member(http.json("PATCH", "/tasks?done=false", "{\"done\": true}"), "changed"));
            assertEquals(0, member(http.get("/tasks/count"), "open"));
            assertEquals(task(open, "count me", true), object(http.get("/tasks/" + open)));
            assertEquals("\"1\"", http.get("/tasks/" + done).headers().firstValue("ETag").orElse(null), "a done task keeps its version");
            assertEquals(0, member(http.json("PATCH", "/tasks", "{\"done\": true}"), "changed"));
            assertEquals(0, member(http.json("PATCH", "/tasks?done=true", "{\"done\": true}"), "changed"));

            // clear completed: everything is done now, so everything goes
            long all = member(http.get("/tasks/count"), "total");
            HttpResponse<String> cleared = http.request("DELETE", "/tasks?done=true", java.util.Map.of(), null);
            assertEquals(all, member(cleared, "deleted"));
            assertEquals(0, member(http.get("/tasks/count"), "total"));
            assertProblem(http.get("/tasks/" + open), 404, null);
        }
    }

    /** RFC 9110 conditional requests: every task answer has a strong ETag; If-Match guards writes, If-None-Match reads. */
    @Nested
    class ConditionalRequests {

        private HttpResponse<String> withHeaders(String method, String path, Map<String, String> headers, String json) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            if (json != null) {
                all.put("Content-Type", "application/json");
            }
            return http.request(method, path, all, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        }

        private String etag(HttpResponse<String> response) {
            return response.headers().firstValue("ETag").orElse(null);
        }

        @Test
        void every_task_answer_carries_its_version_as_a_strong_etag() {
            HttpResponse<String> created = http.json("POST", "/tasks", "{\"name\": \"tagged\", \"done\": false}");
            assertEquals(201, created.statusCode());
            assertEquals("\"1\"", etag(created));
            long id = object(created).get("id").getAsLong();
            assertEquals("\"1\"", etag(http.get("/tasks/" + id)));
            assertEquals("\"2\"", etag(http.json("PUT", "/tasks/" + id, "{\"name\": \"tagged\", \"done\": true}")));
            assertEquals("\"3\"", etag(http.json("PATCH", "/tasks/" + id, "{\"name\": \"retagged\"}")));
            HttpResponse<String> read = http.get("/tasks/" + id);
            assertEquals("\"3\"", etag(read));
            assertEquals(task(id, "retagged", true), object(read), "the body keeps its shape: no version in it");
        }

        @Test
        void a_write_that_sets_what_is_there_keeps_the_etag() {
            long id = create("kept", false);
            String path = "/tasks/" + id;
            assertEquals("\"1\"", etag(http.json("PUT", path, "{\"name\": \"kept\", \"done\": false}")));
            assertEquals("\"1\"", etag(http.json("PATCH", path, "{\"done\": false}")));
            // another client holding "1" may still write
            HttpResponse<String> theirs = withHeaders("PATCH", path, Map.of("If-Match", "\"1\""), "{\"done\": true}");
            assertEquals(200, theirs.statusCode(), theirs.body());
            assertEquals("\"2\"", etag(theirs));
        }

        @Test
        void if_none_match_answers_304_while_the_task_is_unchanged() {
            long id = create("cached", false);
            String path = "/tasks/" + id;
            HttpResponse<String> same = withHeaders("GET", path, Map.of("If-None-Match", "\"1\""), null);
            assertEquals(304, same.statusCode());
            assertEquals("\"1\"", etag(same));
            assertEquals("", same.body());
            assertEquals(304, withHeaders("GET", path, Map.of("If-None-Match", "W/\"1\""), null).statusCode(), "weak comparison");
            assertEquals(304, withHeaders("GET", path, Map.of("If-None-Match", "\"7\", \"1\""), null).statusCode());
            assertEquals(304, withHeaders("GET", path, Map.of("If-None-Match", "*"), null).statusCode());
            http.json("PATCH", path, "{\"done\": true}");
            HttpResponse<String> changed = withHeaders("GET", path, Map.of("If-None-Match", "\"1\""), null);
            assertEquals(200, changed.statusCode());
            assertEquals("\"2\"", etag(changed));
            assertEquals(task(id, "cached", true), object(changed));
        }

        @ParameterizedTest
        @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
        void if_match_with_a_stale_tag_is_refused_with_412_and_the_current_tag(String method) {
            long id = create("contended", false);
            String path = "/tasks/" + id;
            http.json("PATCH", path, "{\"done\": true}"); // now at version 2
            String body = method.equals("DELETE") ? null : "{\"name\": \"lost update\", \"done\": false}";
            HttpResponse<String> refused = withHeaders(method, path, Map.of("If-Match", "\"1\""), body);
            assertProblem(refused, 412, null);
            assertEquals("\"2\"", etag(refused));
            assertEquals(task(id, "contended", true), object(http.get(path)), "nothing was written");

            HttpResponse<String> applied = withHeaders(method, path, Map.of("If-Match", "\"2\""), body);
            assertEquals(method.equals("DELETE") ? 204 : 200, applied.statusCode(), applied.body());
            if (!method.equals("DELETE")) {
                assertEquals("\"3\"", etag(applied));
            }
        }

        @Test
        void if_match_takes_star_and_lists_and_refuses_what_is_not_a_tag() {
            long id = create("listed", false);
            String path = "/tasks/" + id;
            String body = "{\"done\": true}";
            assertEquals(200, withHeaders("PATCH", path, Map.of("If-Match", "*"), body).statusCode());
            assertEquals(200, withHeaders("PATCH", path, Map.of("If-Match", "\"9\", \"2\""), body).statusCode()); // at 2: listed
            assertProblem(withHeaders("PATCH", path, Map.of("If-Match", "\"9\", \"8\""), body), 412, null);
            assertProblem(withHeaders("PATCH", path, Map.of("If-Match", "W/\"3\""), body), 412, null); // weak never matches
            assertProblem(withHeaders("PATCH", path, Map.of("If-Match", "3"), body), 400, "If-Match");
            assertProblem(withHeaders("PATCH", path, Map.of("If-Match", "\"3"), body), 400, "If-Match");
            // a task that does not exist matches no tag, not even *: 412, not 404
            http.delete(path);
            assertProblem(withHeaders("PATCH", path, Map.of("If-Match", "*"), body), 412, "If-Match");
            assertProblem(withHeaders("DELETE", path, Map.of("If-Match", "\"3\""), null), 412, "If-Match");
        }

        /** Clients racing with If-Match on one task: exactly one wins each version, the rest get 412. */
        @Test
        void clients_racing_with_if_match_win_exactly_once_per_version() throws Exception {
            long id = create("raced", false);
            String path = "/tasks/" + id;
            int clients = 8;
            for (int round = 1; round <= 10; round++) {
                String tag = "\"" + round + "\"";
                List<java.util.concurrent.CompletableFuture<Integer>> statuses = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    String json = "{\"name\": \"round " + round + " client " + c + "\"}";
                    statuses.add(java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> withHeaders("PATCH", path, Map.of("If-Match", tag), json).statusCode()));
                }
                List<Integer> seen = new ArrayList<>();
                for (java.util.concurrent.CompletableFuture<Integer> status : statuses) {
                    seen.add(status.get());
                }
                assertEquals(1, seen.stream().filter(s -> s == 200).count(), "round " + round + ": " + seen);
                assertEquals(clients - 1, seen.stream().filter(s -> s == 412).count(), "round " + round + ": " + seen);
            }
            assertEquals("\"11\"", etag(http.get(path)));
        }
    }

    protected void assertServing() {
        HttpResponse<String> hello = http.get("/");
        assertEquals(200, hello.statusCode());
        assertEquals("Hello, world!", hello.body());
    }

    protected static JsonObject object(HttpResponse<String> response) {
        return HttpProbe.jsonObject(response);
    }

    protected static JsonObject task(long id, String name, boolean done) {
        return HttpProbe.taskJson(id, name, done);
    }

    private static List<Long> ids(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        List<Long> ids = new ArrayList<>();
        JsonParser.parseString(response.body()).getAsJsonArray().forEach(e -> ids.add(e.getAsJsonObject().get("id").getAsLong()));
        return ids;
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }
}
