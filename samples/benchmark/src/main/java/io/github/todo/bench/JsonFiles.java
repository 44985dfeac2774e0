package io.github.todo.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing the result files, and naming them after the server. */
final class JsonFiles {

    // Two-space indentation, like the Python client's json.dump(results, f, indent=2).
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private JsonFiles() {
        // Prevent instantiation
    }

    static void write(Path file, Object value) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            GSON.toJson(value, writer);
            writer.write('\n');
        } catch (IOException e) {
            throw new BenchmarkException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static JsonObject readObject(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonObject()) {
                throw new BenchmarkException(file + " is not a JSON object");
            }
            return root.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new BenchmarkException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The {@code "id"} of a created task, from the response body. */
    static long idOf(String createdTask) {
        try {
            return JsonParser.parseString(createdTask).getAsJsonObject().get("id").getAsLong();
        } catch (RuntimeException e) { // not JSON, not an object, no id, id not a number
            throw new BenchmarkException("POST /tasks answered without a numeric id: " + Texts.abbreviate(createdTask), e);
        }
    }

    /** The server name as part of a file name, the way seed_benchmark.py makes it safe. */
    static String safeName(String serverName) {
        StringBuilder safe = new StringBuilder(serverName.length());
        serverName.codePoints().forEach(c -> safe.appendCodePoint(
                Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_'));
        return safe.length() == 0 ? "server" : safe.toString();
    }
}
