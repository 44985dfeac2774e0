package io.github.todo.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.client.TodoClient;
import io.github.todo.core.Task;
import io.github.todo.core.TaskCounts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the client accepts from a server and what it sends: the todo API's shapes, strictly. */
class JsonTest {

    private static final String LACKS = "a task lacks \"id\", \"name\" or \"done\"";

    @Test
    void a_body_leaves_out_what_is_null_and_escapes_what_json_must() throws IOException {
        assertEquals("{\"name\":\"a\"}", Json.body("a", null));
        assertEquals("{\"done\":true}", Json.body(null, true));
        assertEquals("{\"name\":\"x\",\"done\":false}", Json.body("x", false));
        assertEquals("{}", Json.body(null, null));

        String name = "say \"hi\" \\ \t\n\r\b\f\u0001 <&>=' \u2028\u2029 é \uD83D\uDE00";
        String body = Json.body(name, true);
        assertTrue(body.chars().noneMatch(c -> c < 0x20 || c == 0x2028 || c == 0x2029), body);
        assertTrue(body.contains("<&>='"), "no HTML escaping: " + body);
        assertEquals(new Task(1, name, true, 2), task("{\"id\":1," + body.substring(1), 2));
    }

    @Test
    void a_task_is_read_with_unknown_members_skipped() throws IOException {
        assertEquals(new Task(7, "n", true, 3), task("{\"id\":7,\"name\":\"n\",\"done\":true}", 3));
        assertEquals(new Task(7, "a \"b\" \u00e9/\uD83D\uDE00", false, 1), task(
                " {\"extra\" : {\"a\":[1,{\"b\":null}, -2.5e3, true],\"c\":\"s\"},\n\t\"id\":7,"
                        + "\"name\":\"a \\\"b\\\" \\u00e9\\/\\ud83d\\ude00\",\"done\":false,\"more\":[]} ", 1));
        assertEquals(new Task(9, "last", false, 1), task(
                "{\"id\":1,\"name\":\"first\",\"done\":true,\"id\":9,\"name\":\"last\",\"done\":false}", 1),
                "a member given twice: the last counts");
    }

    @Test
    void an_id_is_an_integral_number_and_nothing_else() {
        assertEquals("malformed JSON: expected an integer, found 1.0", taskFails("{\"id\":1.0,\"name\":\"n\",\"done\":true}"));
        assertEquals("malformed JSON: expected an integer, found 1e2", taskFails("{\"id\":1e2,\"name\":\"n\",\"done\":true}"));
        assertEquals("malformed JSON: expected an integer, found 99999999999999999999",
                taskFails("{\"id\":99999999999999999999,\"name\":\"n\",\"done\":true}"));
        assertEquals("malformed JSON: expected an integer, found null", taskFails("{\"id\":null,\"name\":\"n\",\"done\":true}"));
        assertEquals("malformed JSON: expected an integer, found true", taskFails("{\"id\":true,\"name\":\"n\",\"done\":true}"));
        assertMalformed(taskFails("{\"id\":\"1\",\"name\":\"n\",\"done\":true}"));
        assertMalformed(taskFails("{\"id\":[1],\"name\":\"n\",\"done\":true}"));
        assertEquals(LACKS, taskFails("{\"id\":0,\"name\":\"n\",\"done\":true}"));
        assertEquals(LACKS, taskFails("{\"id\":-3,\"name\":\"n\",\"done\":true}"));
    }

    @Test
    void done_is_a_boolean_and_a_name_a_string() {
        assertEquals("malformed JSON: expected true or false, found 1", taskFails("{\"id\":1,\"name\":\"n\",\"done\":1}"));
        assertEquals("malformed JSON: expected true or false, found null", taskFails("{\"id\":1,\"name\":\"n\",\"done\":null}"));
        assertMalformed(taskFails("{\"id\":1,\"name\":\"n\",\"done\":\"true\"}"));
        assertMalformed(taskFails("{\"id\":1,\"name\":5,\"done\":true}"));
        assertMalformed(taskFails("{\"id\":1,\"name\":null,\"done\":true}"));
        assertMalformed(taskFails("{\"id\":1,\"name\":true,\"done\":true}"));
        assertMalformed(taskFails("{\"id\":1,\"name\":{},\"done\":true}"));
    }

    @Test
    void a_task_without_its_three_fields_is_refused() {
        assertEquals(LACKS, taskFails("{\"id\":1,\"name\":\"n\"}"));
        assertEquals(LACKS, taskFails("{\"name\":\"n\",\"done\":true}"));
        assertEquals(LACKS, taskFails("{\"id\":1,\"done\":true}"));
        assertEquals(LACKS, taskFails("{}"));
    }

    @Test
    void what_is_not_strict_json_is_malformed() {
        for (String body : new String[] {"", " ", "<html>not json</html>", "[]", "null", "{", "{\"id\":1,",
                "{\"id\":1,\"name\":\"ab", "{'id':1,\"name\":\"n\",\"done\":true}", "{id:1,\"name\":\"n\",\"done\":true}",
                "{\"id\":1 \"name\":\"n\",\"done\":true}", "{\"id\":1,\"name\":\"n\",\"done\":true,}",
                "{\"id\":1,\"name\":\"a\u0001b\",\"done\":true}", "{\"id\":1,\"name\":\"\\x\",\"done\":true}",
                "{\"id\":1,\"name\":\"\\u12g4\",\"done\":true}", "{\"id\":1,/*c*/\"name\":\"n\",\"done\":true}",
                "{\"id\":1,\"name\":\"n\",\"done\":True}"}) {
            assertMalformed(taskFails(body));
        }
    }

    @Test
    void nesting_is_refused_past_64_levels() throws IOException {
        assertEquals(1, task(nested(63), 1).id(), "the task's object and 63 levels inside it");
        assertMalformed(taskFails(nested(64)));
        assertMalformed(taskFails(nested(100_000)));
    }

    private static String nested(int arrays) {
        return "{\"x\":" + "[".repeat(arrays) + "]".repeat(arrays) + ",\"id\":1,\"name\":\"n\",\"done\":true}";
    }

    @Test
    void a_list_hands_over_each_task_as_it_is_read() throws IOException {
        List<Task> read = new ArrayList<>();
        Json.tasks(stream("[{\"id\":1,\"name\":\"a\",\"done\":true}, {\"id\":2,\"x\":[],\"name\":\"b\",\"done\":false}]"), read::add);
        assertEquals(List.of(new Task(1, "a", true, TodoClient.VERSION_UNKNOWN), new Task(2, "b", false, TodoClient.VERSION_UNKNOWN)), read);

        read.clear();
        Json.tasks(stream(" [ ] "), read::add);
        assertTrue(read.isEmpty());

        List<Task> before = new ArrayList<>();
        IOException e = assertThrows(IOException.class,
                () -> Json.tasks(stream("[{\"id\":1,\"name\":\"a\",\"done\":true},{\"id\":2,\"name\":\"b\"}]"), before::add));
        assertEquals(LACKS, e.getMessage());
        assertEquals(1, before.size(), "the tasks before the bad one were handed over");
        for (String body : new String[] {"{}", "[1]", "[{\"id\":1,\"name\":\"a\",\"done\":true}", "[{\"id\":1,\"name\":\"a\",\"done\":true}}"}) {
            assertMalformed(assertThrows(IOException.class, () -> Json.tasks(stream(body), task -> { }), body).getMessage());
        }
    }

    @Test
    void what_the_consumer_throws_passes_through_unchanged() {
        IllegalStateException stop = new IllegalStateException("enough");
        assertSame(stop, assertThrows(IllegalStateException.class,
                () -> Json.tasks(stream("[{\"id\":1,\"name\":\"a\",\"done\":true}]"), task -> {
                    throw stop;
                })));
    }

    @Test
    void counts_need_total_and_done() throws IOException {
        assertEquals(new TaskCounts(3, 1), Json.counts(bytes("{\"total\":3,\"done\":1,\"open\":2}")));
        assertEquals(new TaskCounts(0, 0), Json.counts(bytes("{\"open\":0,\"done\":0,\"total\":0,\"x\":{}}")));
        String lacks = "the counts lack \"total\" or \"done\"";
        assertEquals(lacks, assertThrows(IOException.class, () -> Json.counts(bytes("{\"total\":3}"))).getMessage());
        assertEquals(lacks, assertThrows(IOException.class, () -> Json.counts(bytes("{\"total\":3,\"done\":-1}"))).getMessage());
        assertEquals("the counts cannot be true: 2 done of 1",
                assertThrows(IOException.class, () -> Json.counts(bytes("{\"total\":1,\"done\":2}"))).getMessage());
        assertEquals("malformed JSON: expected an integer, found 1.5",
                assertThrows(IOException.class, () -> Json.counts(bytes("{\"total\":3,\"done\":1.5}"))).getMessage());
        assertMalformed(assertThrows(IOException.class, () -> Json.counts(bytes("[3,1]"))).getMessage());
    }

    @Test
    void a_number_answer_needs_its_member() throws IOException {
        assertEquals(4, Json.number(bytes("{\"changed\":4}"), "changed"));
        assertEquals(0, Json.number(bytes("{\"x\":[1],\"deleted\":0}"), "deleted"));
        assertEquals("the answer lacks \"changed\"",
                assertThrows(IOException.class, () -> Json.number(bytes("{\"deleted\":4}"), "changed")).getMessage());
        assertMalformed(assertThrows(IOException.class, () -> Json.number(bytes("{\"changed\":\"4\"}"), "changed")).getMessage());
        assertMalformed(assertThrows(IOException.class, () -> Json.number(bytes("{\"changed\":4"), "changed")).getMessage());
    }

    @Test
    void a_problem_gives_what_it_can_and_never_fails() {
        assertEquals(new Json.Problem("name: must not be blank", "name"), Json.problem(bytes(
                "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"name: must not be blank\",\"field\":\"name\"}")));
        assertEquals(new Json.Problem(null, null), Json.problem(bytes("{\"detail\":5,\"field\":null}")));
        assertEquals(new Json.Problem("d", null), Json.problem(bytes("{\"detail\":\"d\",\"field\":")), "what came before the break");
        for (String body : new String[] {"", "<html>Bad Gateway</html>", "[1]", "\"detail\"", "{\"detail\"}"}) {
            assertEquals(new Json.Problem(null, null), Json.problem(bytes(body)), body);
        }
    }

    private static Task task(String body, long version) throws IOException {
        return Json.task(bytes(body), version);
    }

    private static String taskFails(String body) {
        return assertThrows(IOException.class, () -> Json.task(bytes(body), 1), body).getMessage();
    }

    private static void assertMalformed(String message) {
        assertTrue(message.startsWith("malformed JSON: "), message);
        assertFalse(message.contains("\n"), "one line: " + message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(bytes(text));
    }
}
