package io.github.todo.standalone;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.github.todo.core.Task;
import io.github.todo.core.TodoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tasks of a {@link TaskFormat} file one at a time, for {@code todo import}. Anything
 * wrong, in the file or with a task the store refuses, stops the reading with a {@link BadInput}
 * that names the file and the line.
 */
final class TaskReader {

    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    /** Input that cannot be imported; the message names the file and line. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(Path file, long line, String reason) {
            super(file + " line " + line + ": " + reason);
        }
    }

    private TaskReader() {
        // Prevent instantiation
    }

    /** Hands each task of {@code file} to {@code sink}, in file order. */
    static void read(Path file, TaskFormat format, Consumer<Task> sink) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            switch (format) {
                case NDJSON -> ndjson(file, in, sink);
                case JSON -> json(file, in, sink);
                case CSV -> csv(file, in, sink);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInput(file, 0, "not UTF-8 text");
        }
    }

    private static void ndjson(Path file, BufferedReader in, Consumer<Task> sink) throws IOException {
        long number = 0;
        for (String line; (line = in.readLine()) != null; ) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonElement element;
            try {
                element = JsonParser.parseString(line);
            } catch (JsonParseException e) {
                throw new BadInput(file, number, "not JSON");
            }
            add(file, number, element, sink);
        }
    }

    private static void json(Path file, BufferedReader in, Consumer<Task> sink) throws IOException {
        JsonReader reader = new JsonReader(in);
        try {
            if (reader.peek() != JsonToken.BEGIN_ARRAY) {
                throw new BadInput(file, line(reader), "a JSON file holds one array of tasks");
            }
            reader.beginArray();
            while (reader.hasNext()) {
                reader.peek(); // skips the whitespace, so that the line is the task's own
                long number = line(reader);
                add(file, number, JsonParser.parseReader(reader), sink);
            }
            reader.endArray();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new BadInput(file, line(reader), "not JSON");
        }
    }

    private static void csv(Path file, BufferedReader in, Consumer<Task> sink) throws IOException {
        Csv records = new Csv(in);
        String[] header = records.next();
        if (header == null) {
            return;
        }
        if (header.length != 3 || !header[0].equals("id") || !header[1].equals("name") || !header[2].equals("done")) {
            throw new BadInput(file, 1, "the first line must be the header id,name,done");
        }
        for (String[] record; (record = next(file, records)) != null; ) {
            long number = records.startLine();
            if (record.length != 3) {
                throw new BadInput(file, number, "3 fields expected (id,name,done), found " + record.length);
            }
            if (!record[2].equals("true") && !record[2].equals("false")) {
                throw new BadInput(file, number, "done: must be true or false");
            }
            add(file, number, new Task(id(file, number, record[0]), record[1], Boolean.parseBoolean(record[2])), sink);
        }
    }

    private static String[] next(Path file, Csv records) throws IOException {
        try {
            return records.next();
        } catch (IllegalStateException e) {
            throw new BadInput(file, records.startLine(), e.getMessage());
        }
    }

    private static void add(Path file, long number, JsonElement element, Consumer<Task> sink) {
        if (!element.isJsonObject()) {
            throw new BadInput(file, number, "a task is an object with id, name and done");
        }
        JsonObject object = element.getAsJsonObject();
        JsonElement id = object.get("id");
        JsonElement name = object.get("name");
        JsonElement done = object.get("done");
        if (id == null || !id.isJsonPrimitive() || !id.getAsJsonPrimitive().isNumber()) {
            throw new BadInput(file, number, "id: a whole number is required");
        }
        if (name == null || !name.isJsonPrimitive() || !name.getAsJsonPrimitive().isString()) {
            throw new BadInput(file, number, "name: a string is required");
        }
        if (done == null || !done.isJsonPrimitive() || !((JsonPrimitive) done).isBoolean()) {
            throw new BadInput(file, number, "done: true or false is required");
        }
        add(file, number, new Task(id(file, number, id.getAsString()), name.getAsString(), done.getAsBoolean()), sink);
    }

    private static void add(Path file, long number, Task task, Consumer<Task> sink) {
        try {
            sink.accept(task);
        } catch (TodoException e) {
            throw new BadInput(file, number, e.getMessage());
        }
    }

    private static long id(Path file, long number, String text) {
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadInput(file, number, "id: '" + text + "' is not a whole number");
        }
    }

    private static long line(JsonReader reader) {
        Matcher matcher = LINE.matcher(reader.toString()); // "JsonReader at line 3 column 5 path $[1]"
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
