package io.github.todo.http.internal;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import io.github.todo.core.InvalidTaskException;
import io.github.todo.core.Task;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskPatch;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Task JSON in and out, on Gson's streaming API: a body is read field by field (no tree, no
 * recursion, so deep nesting cannot exhaust the stack) and unknown fields are skipped.
 */
final class JsonCodec {

    private JsonCodec() {
        // Prevent instantiation
    }

    /** The fields of a request body; either may be absent ({@code null}). */
    record Fields(String name, Boolean done) {
        TaskDraft draft() {
            return new TaskDraft(name, done);
        }

        TaskPatch patch() {
            return new TaskPatch(name, done);
        }
    }

    /**
     * Reads a task body: a JSON object with {@code name} and {@code done}; other members are
     * ignored. Either may be absent, neither may be {@code null} (PATCH would read that as "keep")
     * nor given twice (which one counts would depend on the parser).
     */
    static Fields readFields(InputStream body) throws IOException {
        try (JsonReader json = new JsonReader(strictUtf8(body))) {
            json.setStrictness(Strictness.STRICT);
            if (json.peek() != JsonToken.BEGIN_OBJECT) {
                throw new HttpProblemException(400, "body", "the body must be a JSON object");
            }
            String name = null;
            Boolean done = null;
            json.beginObject();
            while (json.hasNext()) {
                String member = json.nextName();
                switch (member) {
                    case "name" -> name = once(member, name, readName(json));
                    case "done" -> done = once(member, done, readDone(json));
                    default -> json.skipValue(); // "id" among them: the path names the task
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw new HttpProblemException(400, "body", "the body has more after the JSON object");
            }
            return new Fields(name, done);
        } catch (EOFException e) {
            throw new HttpProblemException(400, "body", "the body is empty or ends too early");
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw new HttpProblemException(400, "body", "the body is not valid JSON: " + firstLine(e.getMessage()));
        } catch (CharacterCodingException e) {
            throw new HttpProblemException(400, "body", "the body is not valid UTF-8");
        }
    }

    private static <T> T once(String member, T earlier, T value) {
        if (earlier != null) {
            throw new HttpProblemException(400, member, "the body gives \"" + member + "\" more than once");
        }
        return value;
    }

    private static String readName(JsonReader json) throws IOException {
        return switch (json.peek()) {
            case STRING -> json.nextString();
            case NULL -> throw new InvalidTaskException("name", "must be a string, not null");
            default -> throw new InvalidTaskException("name", "must be a string");
        };
    }

    /** A boolean; the strings "true" and "false" too: the seed-compatible contract accepts both. */
    private static Boolean readDone(JsonReader json) throws IOException {
        return switch (json.peek()) {
            case BOOLEAN -> json.nextBoolean();
            case STRING -> switch (json.nextString()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new InvalidTaskException("done", "must be a boolean");
            };
            case NULL -> throw new InvalidTaskException("done", "must be a boolean, not null");
            default -> throw new InvalidTaskException("done", "must be a boolean");
        };
    }

    public static byte[] task(Task task) {
        String name = task.name();
        if (needsNoEscaping(name)) {
            // Byte for byte what Gson writes, without its writer: this runs for every task answer.
            return ("{\"id\":" + task.id() + ",\"name\":\"" + name + "\",\"done\":" + task.done() + "}")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        StringWriter out = new StringWriter(64 + task.name().length());
        try (JsonWriter json = new JsonWriter(out)) {
            writeTask(json, task);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a StringWriter does not fail
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code [task, task, ...]} to {@code out} as {@code source} produces the tasks. */
    static void taskArray(OutputStream out, Consumer<Consumer<Task>> source) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        JsonWriter json = new JsonWriter(writer);
        json.beginArray();
        try {
            source.accept(task -> {
                try {
                    writeTask(json, task);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // the client went away; stop reading rows
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        json.endArray();
        json.flush();
    }

    static byte[] problem(int status, String title, String detail, String field) {
        return object(json -> {
            json.name("type").value("about:blank");
            json.name("title").value(title);
            json.name("status").value(status);
            json.name("detail").value(detail);
            if (field != null) {
                json.name("field").value(field);
            }
        });
    }

    static byte[] counts(long total, long done, long open) {
        return object(json -> {
            json.name("total").value(total);
            json.name("done").value(done);
            json.name("open").value(open);
        });
    }

    /** {@code {"<member>": count}}: what a set operation answers. */
    static byte[] count(String member, long count) {
        return object(json -> json.name(member).value(count));
    }

    static byte[] health(String status, String detail) {
        return object(json -> {
            json.name("status").value(status);
            if (detail != null) {
                json.name("detail").value(detail);
            }
        });
    }

    private interface Members {
        void write(JsonWriter json) throws IOException;
    }

    private static byte[] object(Members members) {
        StringWriter out = new StringWriter(128);
        try (JsonWriter json = new JsonWriter(out)) {
            json.beginObject();
            members.write(json);
            json.endObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Printable ASCII without a quote or a backslash: written into a JSON string as it is. */
    private static boolean needsNoEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void writeTask(JsonWriter json, Task task) throws IOException {
        json.beginObject();
        json.name("id").value(task.id());
        json.name("name").value(task.name());
        json.name("done").value(task.done());
        json.endObject();
    }

    /** Refuses malformed UTF-8 instead of turning it into U+FFFD behind the client's back. */
    private static Reader strictUtf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
