package io.github.todo.standalone;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.todo.core.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats of {@code todo export} and {@code todo import}; each writes a task as {@code id, name, done}. */
enum TaskFormat {
    /** One JSON object a line: {@code {"id":1,"name":"milk","done":false}}. Streams both ways. */
    NDJSON,
    /** One JSON array of those objects. */
    JSON,
    /** RFC 4180: a header line {@code id,name,done}, then one record a task, names quoted when they need it. */
    CSV;

    // Names as they are: no \u003c for <, so a file reads as it was typed.
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** Writes tasks one after the other; {@link #finish()} ends the file. */
    interface Writer {
        void write(Task task) throws IOException;

        void finish() throws IOException;
    }

    /** The format a file's extension names: {@code .json}, {@code .csv}, else NDJSON. */
    static TaskFormat ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") ? JSON : name.endsWith(".csv") ? CSV : NDJSON;
    }

    Writer writer(java.io.Writer out) {
        return switch (this) {
            case NDJSON -> new Writer() {
                @Override
                public void write(Task task) throws IOException {
                    out.write(json(task));
                    out.write('\n');
                }

                @Override
                public void finish() {
                    // nothing closes an NDJSON file
                }
            };
            case JSON -> new Writer() {
                private boolean first = true;

                @Override
                public void write(Task task) throws IOException {
                    out.write(first ? "[\n" : ",\n");
                    first = false;
                    out.write(json(task));
                }

                @Override
                public void finish() throws IOException {
                    out.write(first ? "[]\n" : "\n]\n");
                }
            };
            case CSV -> new Writer() {
                private boolean first = true;

                @Override
                public void write(Task task) throws IOException {
                    if (first) {
                        out.write("id,name,done\r\n");
                        first = false;
                    }
                    out.write(task.id() + "," + csv(task.name()) + "," + task.done() + "\r\n");
                }

                @Override
                public void finish() throws IOException {
                    if (first) {
                        out.write("id,name,done\r\n");
                    }
                }
            };
        };
    }

    static String json(Task task) {
        return "{\"id\":" + task.id() + ",\"name\":" + GSON.toJson(task.name()) + ",\"done\":" + task.done() + "}";
    }

    static Gson gson() {
        return GSON;
    }

    private static String csv(String name) {
        boolean quote = name.isEmpty() || name.strip().length() != name.length()
                || name.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }
}
