package io.github.todo.client.internal;

import io.github.todo.core.Task;
import io.github.todo.core.TaskCounts;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The todo API's JSON, by hand: the client needs no JSON library. Request bodies are written
 * here; answers are read with {@link JsonReader}, unknown members skipped.
 */
final class Json {

    private Json() {
        // Prevent instantiation
    }

    /** What a problem answer (RFC 9457) says; either may be {@code null}. */
    record Problem(String detail, String field) {
    }

    /** A task body: {@code {"name":...,"done":...}}, a {@code null} field left out. */
    static String body(String name, Boolean done) {
        StringBuilder json = new StringBuilder(name == null ? 16 : name.length() + 32).append('{');
        if (name != null) {
            json.append("\"name\":");
            string(json, name);
        }
        if (done != null) {
            json.append(name == null ? "" : ",").append("\"done\":").append(done.booleanValue());
        }
        return json.append('}').toString();
    }

    /** The task in {@code body}, at {@code version} (the JSON does not carry it). */
    static Task task(byte[] body, long version) throws IOException {
        return task(reader(new ByteArrayInputStream(body)), version);
    }

    /** Hands each task of the JSON array in {@code body} to {@code each}, as it is read. */
    static void tasks(InputStream body, Consumer<Task> each) throws IOException {
        JsonReader json = reader(body);
        json.beginArray();
        while (json.hasNext()) {
            each.accept(task(json, Task.VERSION_UNKNOWN));
        }
        json.endArray();
    }

    /** {@code {"total":N,"done":D,"open":O}}. */
    static TaskCounts counts(byte[] body) throws IOException {
        JsonReader json = reader(new ByteArrayInputStream(body));
        long total = -1;
        long done = -1;
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "total" -> total = json.nextLong();
                case "done" -> done = json.nextLong();
                default -> json.skipValue();
            }
        }
        json.endObject();
        if (total < 0 || done < 0) {
            throw new IOException("the counts lack \"total\" or \"done\"");
        }
        return new TaskCounts(total, done);
    }

    /** The number {@code member} of a one-member answer such as {@code {"changed":N}}. */
    static long number(byte[] body, String member) throws IOException {
        JsonReader json = reader(new ByteArrayInputStream(body));
        Long found = null;
        json.beginObject();
        while (json.hasNext()) {
            if (json.nextName().equals(member)) {
                found = json.nextLong();
            } else {
                json.skipValue();
            }
        }
        json.endObject();
        if (found == null) {
            throw new IOException("the answer lacks \"" + member + "\"");
        }
        return found;
    }

    /** The detail and field of a problem body; both {@code null} when it is not one. */
    static Problem problem(byte[] body) {
        String detail = null;
        String field = null;
        try {
            JsonReader json = reader(new ByteArrayInputStream(body));
            json.beginObject();
            while (json.hasNext()) {
                String member = json.nextName();
                if ((member.equals("detail") || member.equals("field")) && json.peekString()) {
                    String value = json.nextString();
                    if (member.equals("detail")) {
                        detail = value;
                    } else {
                        field = value;
                    }
                } else {
                    json.skipValue();
                }
            }
        } catch (IOException notAProblem) {
            // a proxy's HTML page, say: the status says enough
        }
        return new Problem(detail, field);
    }

    private static Task task(JsonReader json, long version) throws IOException {
        long id = 0;
        String name = null;
        Boolean done = null;
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "id" -> id = json.nextLong();
                case "name" -> name = json.nextString();
                case "done" -> done = json.nextBoolean();
                default -> json.skipValue();
            }
        }
        json.endObject();
        if (id < 1 || name == null || done == null) {
            throw new IOException("a task lacks \"id\", \"name\" or \"done\"");
        }
        return new Task(id, name, done, version);
    }

    private static JsonReader reader(InputStream in) {
        return new JsonReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 16 * 1024));
    }

    /** Appends {@code text} as a JSON string: quotes, backslashes and control characters escaped. */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
