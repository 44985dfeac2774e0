package io.github.todo.client.internal;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import io.github.todo.client.TodoClient;
import io.github.todo.core.Task;
import io.github.todo.core.TaskCounts;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The todo API's JSON, over Gson's streaming reader and writer: request bodies written here,
 * answers read a token at a time (a list element by element, never held whole), unknown members
 * skipped so the server may add some. An answer of the wrong shape is an {@link IOException}.
 */
final class Json {

    private static final String MALFORMED = "malformed JSON: ";
    /** How deep an answer may nest: the API's answers nest two levels. */
    private static final int MAX_DEPTH = 64;

    private Json() {
        // Prevent instantiation
    }

    /** What a problem answer (RFC 9457) says; either may be {@code null}. */
    record Problem(String detail, String field) {
    }

    /** A piece of an answer, read from a JSON reader. */
    @FunctionalInterface
    private interface Read<T> {
        T from(JsonReader json) throws IOException;
    }

    /** A task body: {@code {"name":...,"done":...}}, a {@code null} field left out. */
    static String body(String name, Boolean done) {
        StringWriter text = new StringWriter(name == null ? 16 : name.length() + 32);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginObject();
            if (name != null) {
                json.name("name").value(name);
            }
            if (done != null) {
                json.name("done").value(done);
            }
            json.endObject();
        } catch (IOException impossible) {
            throw new IllegalStateException("writing to a string failed", impossible);
        }
        return text.toString();
    }

    /** The task in {@code body}, at {@code version} (the JSON does not carry it). */
    static Task task(byte[] body, long version) throws IOException {
        return read(new ByteArrayInputStream(body), json -> task(json, version));
    }

    /** Hands each task of the JSON array in {@code body} to {@code each}, as it is read. */
    static void tasks(InputStream body, Consumer<Task> each) throws IOException {
        JsonReader json = reader(body);
        read(json, array -> {
            array.beginArray();
            return null;
        });
        // the action's own exceptions pass through unchanged: only the reading is wrapped
        for (Task task; (task = read(json, array -> array.hasNext() ? task(array, TodoClient.VERSION_UNKNOWN) : null)) != null; ) {
            each.accept(task);
        }
        read(json, array -> {
            array.endArray();
            return null;
        });
    }

    /** {@code {"total":N,"done":D,"open":O}}. */
    static TaskCounts counts(byte[] body) throws IOException {
        return read(new ByteArrayInputStream(body), json -> {
            long total = -1;
            long done = -1;
            json.beginObject();
            while (json.hasNext()) {
                switch (json.nextName()) {
                    case "total" -> total = integer(json);
                    case "done" -> done = integer(json);
                    default -> json.skipValue();
                }
            }
            json.endObject();
            if (total < 0 || done < 0) {
                throw new IOException("the counts lack \"total\" or \"done\"");
            }
            if (done > total) {
                throw new IOException("the counts cannot be true: " + done + " done of " + total);
            }
            return new TaskCounts(total, done);
        });
    }

    /** The number {@code member} of a one-member answer such as {@code {"changed":N}}. */
    static long number(byte[] body, String member) throws IOException {
        return read(new ByteArrayInputStream(body), json -> {
            Long found = null;
            json.beginObject();
            while (json.hasNext()) {
                if (json.nextName().equals(member)) {
                    found = integer(json);
                } else {
                    json.skipValue();
                }
            }
            json.endObject();
            if (found == null) {
                throw new IOException("the answer lacks \"" + member + "\"");
            }
            return found;
        });
    }

    /** The detail and field of a problem body, as much as could be read; both {@code null} when it is not one. */
    static Problem problem(byte[] body) {
        String[] found = new String[2]; // detail, field: kept when the body breaks off after them
        try {
            read(new ByteArrayInputStream(body), json -> {
                json.beginObject();
                while (json.hasNext()) {
                    String member = json.nextName();
                    if ((member.equals("detail") || member.equals("field")) && json.peek() == JsonToken.STRING) {
                        found[member.equals("detail") ? 0 : 1] = json.nextString();
                    } else {
                        json.skipValue();
                    }
                }
                return null;
            });
        } catch (IOException notAProblem) {
            // a proxy's HTML page, say: the status says enough
        }
        return new Problem(found[0], found[1]);
    }

    private static Task task(JsonReader json, long version) throws IOException {
        long id = 0;
        String name = null;
        Boolean done = null;
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "id" -> id = integer(json);
                case "name" -> name = json.peek() == JsonToken.STRING ? json.nextString() : typeError(json, "a string");
                case "done" -> done = bool(json);
                default -> json.skipValue();
            }
        }
        json.endObject();
        if (id < 1 || name == null || done == null) {
            throw new IOException("a task lacks \"id\", \"name\" or \"done\"");
        }
        return new Task(id, name, done, version);
    }

    /**
     * An integer written as one: Gson's {@code nextLong} would also take {@code "5"} and {@code 5.0},
     * which no todo server sends.
     */
    private static long integer(JsonReader json) throws IOException {
        String literal = literal(json, "an integer");
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException e) {
            throw new IOException(MALFORMED + "expected an integer, found " + literal);
        }
    }

    private static boolean bool(JsonReader json) throws IOException {
        String literal = literal(json, "true or false");
        return switch (literal) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IOException(MALFORMED + "expected true or false, found " + literal);
        };
    }

    /** The text of a number, boolean or null; anything else is malformed. */
    private static String literal(JsonReader json, String expected) throws IOException {
        return switch (json.peek()) {
            case NUMBER -> json.nextString();
            case BOOLEAN -> String.valueOf(json.nextBoolean());
            case NULL -> {
                json.nextNull();
                yield "null";
            }
            default -> typeError(json, expected);
        };
    }

    /** Gson's reader would turn a number into a string: a name must be one already. */
    private static String typeError(JsonReader json, String expected) throws IOException {
        throw new IOException(MALFORMED + "expected " + expected + " but was " + json.peek() + " at " + json.getPath());
    }

    /**
     * Reads with Gson's strict reader; its errors of type (a string where a number belongs, a
     * number past 64 bits) become IOExceptions, as its syntax errors already are.
     */
    private static <T> T read(InputStream in, Read<T> read) throws IOException {
        return read(reader(in), read);
    }

    private static <T> T read(JsonReader json, Read<T> read) throws IOException {
        try {
            return read.from(json);
        } catch (MalformedJsonException | EOFException | IllegalStateException | NumberFormatException malformed) {
            String message = String.valueOf(malformed.getMessage());
            int newline = message.indexOf('\n'); // Gson adds a line pointing to its troubleshooting guide
            throw new IOException(MALFORMED + (newline < 0 ? message : message.substring(0, newline)), malformed);
        }
    }

    private static JsonReader reader(InputStream in) {
        JsonReader json = new JsonReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        json.setStrictness(Strictness.STRICT);
        json.setNestingLimit(MAX_DEPTH);
        return json;
    }
}
