package io.github.todo.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.stream.JsonWriter;
import io.github.todo.core.Task;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** A task's JSON is exactly what Gson's writer makes of it, whichever path wrote it. */
class JsonCodecTest {

    private static String gson(Task task) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.beginObject();
            json.name("id").value(task.id());
            json.name("name").value(task.name());
            json.name("done").value(task.done());
            json.endObject();
        }
        return out.toString();
    }

    @Test
    void the_names_at_the_edge_of_plain_ascii() throws IOException {
        for (String name : List.of("", " ", "~", "Test Task", "a\"b", "a\\b", "tab\there", "new\nline", "\u007f",
                "<b>&amp;</b>='x'", "caf\u00e9", "\u2028\u2029", "\ud83d\ude00 emoji", "\u0000")) {
            for (long id : new long[] {1, 42, Long.MAX_VALUE}) {
                Task task = new Task(id, name, id % 2 == 0);
                assertEquals(gson(task), new String(JsonCodec.task(task), StandardCharsets.UTF_8), name);
            }
        }
    }

    @Property(tries = 2000)
    void any_name(@ForAll String name, @ForAll boolean done) throws IOException {
        Task task = new Task(7, name, done);
        assertEquals(gson(task), new String(JsonCodec.task(task), StandardCharsets.UTF_8));
    }
}
