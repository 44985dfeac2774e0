package io.github.todo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.todo.http.internal.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI document against the route table: the same paths, the same methods. */
class OpenApiDocumentTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");

    private final JsonObject document = load();

    @Test
    void every_route_is_documented_and_every_documented_path_is_a_route() {
        Set<String> routes = new TreeSet<>();
        for (Route route : Route.values()) {
            routes.add(route.template());
        }
        assertEquals(routes, new TreeSet<>(document.getAsJsonObject("paths").keySet()));
    }

    @Test
    void each_path_documents_the_methods_its_route_allows() {
        for (Route route : Route.values()) {
            JsonObject item = document.getAsJsonObject("paths").getAsJsonObject(route.template());
            Set<String> documented = new TreeSet<>();
            METHODS.stream().filter(item::has).forEach(method -> documented.add(method.toUpperCase(Locale.ROOT)));
            Set<String> allowed = new TreeSet<>(route.methods());
            // the document's description promises HEAD and OPTIONS on every path, so they are not listed
            assertTrue(allowed.remove("HEAD") && allowed.remove("OPTIONS"), route.template());
            assertEquals(allowed, documented, route.template());
        }
    }

    @Test
    void the_document_is_openapi_3_1_with_unique_operations_and_no_dangling_references() {
        assertEquals("3.1.0", document.get("openapi").getAsString());
        assertEquals(".", document.getAsJsonArray("servers").get(0).getAsJsonObject().get("url").getAsString(),
                "relative, so it works under any context path");
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonElement> path : document.getAsJsonObject("paths").entrySet()) {
            for (String method : METHODS) {
                JsonObject operation = path.getValue().getAsJsonObject().getAsJsonObject(method);
                if (operation != null) {
                    assertTrue(ids.add(operation.get("operationId").getAsString()), "unique operationId");
                    assertFalse(operation.getAsJsonObject("responses").keySet().isEmpty(), path.getKey());
                }
            }
        }
        JsonSchemas schemas = new JsonSchemas(document);
        Matcher refs = Pattern.compile("\"\\$ref\":\"([^\"]+)\"").matcher(document.toString());
        List<String> all = new ArrayList<>();
        while (refs.find()) {
            all.add(refs.group(1));
            assertNotNull(schemas.resolve(refs.group(1)));
        }
        assertFalse(all.isEmpty());
    }

    @Test
    void only_the_tasks_operations_may_need_the_token() {
        for (Map.Entry<String, JsonElement> path : document.getAsJsonObject("paths").entrySet()) {
            for (String method : METHODS) {
                JsonObject operation = path.getValue().getAsJsonObject().getAsJsonObject(method);
                if (operation != null) {
                    boolean tasks = path.getKey().startsWith("/tasks");
                    assertTrue(operation.has("security"), "every operation says whether it is open: " + method + " " + path.getKey());
                    assertEquals(tasks, operation.getAsJsonArray("security").toString().contains("\"bearer\""), method + " " + path.getKey());
                    assertEquals(tasks, operation.getAsJsonObject("responses").has("401"), method + " " + path.getKey());
                }
            }
        }
    }

    static JsonObject load() {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/io/github/todo/http/openapi.json")) {
            assertNotNull(in, "openapi.json is on the class path");
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
