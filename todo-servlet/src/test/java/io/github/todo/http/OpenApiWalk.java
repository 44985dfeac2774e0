package io.github.todo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks the OpenAPI document a server serves and checks over real HTTP that every operation in it
 * answers as it says: the ordinary request with the documented status, media type, schema and
 * headers, then each documented error provoked on purpose, and for each path an {@code Allow}
 * header that lists exactly the documented methods (plus HEAD and OPTIONS).
 */
final class OpenApiWalk {

    /** Documented statuses a server with the default settings cannot be made to answer, and why. */
    static final Map<Integer, String> NOT_PROVOKED = Map.of(
            401, "needs a server with a token: AccessControlTest checks every secured operation",
            503, "needs a database that fails");
    private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final HttpProbe http;
    private final JsonObject document;
    private final JsonSchemas schemas;
    private final Map<String, Set<Integer>> seen = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    private OpenApiWalk(HttpProbe http, JsonObject document) {
        this.http = http;
        this.document = document;
        this.schemas = new JsonSchemas(document);
    }

    /** The document the server serves at {@code /openapi.json}. */
    static JsonObject document(HttpProbe http) {
        HttpResponse<String> response = http.get("/openapi.json");
        assertEquals(200, response.statusCode(), response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** Walks every operation; returns what does not answer as documented, one line each. */
    static List<String> run(HttpProbe http) {
        OpenApiWalk walk = new OpenApiWalk(http, document(http));
        for (Map.Entry<String, JsonElement> path : walk.document.getAsJsonObject("paths").entrySet()) {
            JsonObject item = path.getValue().getAsJsonObject();
            walk.checkAllow(path.getKey(), item);
            for (String method : METHODS) {
                if (item.has(method)) {
                    walk.walk(path.getKey(), method, item, item.getAsJsonObject(method));
                }
            }
        }
        walk.checkCoverage();
        return walk.failures;
    }

    private record Request(String method, String path, Map<String, String> headers, byte[] body) {
    }

    private void walk(String template, String method, JsonObject item, JsonObject operation) {
        String label = method.toUpperCase(Locale.ROOT) + " " + template;
        JsonObject responses = operation.getAsJsonObject("responses");
        Request ordinary = request(template, method, item, operation);
        HttpResponse<String> answer = send(ordinary);
        check(label, responses, answer, null);
        if (method.equals("get")) {
            HttpResponse<String> head = send(new Request("HEAD", ordinary.path(), ordinary.headers(), null));
            if (head.statusCode() != answer.statusCode() || !head.body().isEmpty()) {
                failures.add("HEAD " + template + ": " + head.statusCode() + " with " + head.body().length()
                        + " body chars, where GET answered " + answer.statusCode());
            }
        }
        for (String code : responses.keySet()) {
            int status = Integer.parseInt(code);
            if (seen.get(label).contains(status) || NOT_PROVOKED.containsKey(status)) {
                continue;
            }
            Request provoking = provoke(status, ordinary, template, operation, answer);
            if (provoking != null) {
                check(label, responses, send(provoking), status);
            }
        }
    }

    /** The ordinary request: path parameters from the examples (a fresh task for {id}), the example body. */
    private Request request(String template, String method, JsonObject item, JsonObject operation) {
        Matcher parameters = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            String name = parameters.group(1);
            String value = name.equals("id") ? String.valueOf(createTask()) : example(name, item, operation);
            parameters.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        parameters.appendTail(path);
        String separator = "?";
        for (JsonElement parameter : operation.has("parameters") ? operation.getAsJsonArray("parameters") : new com.google.gson.JsonArray()) {
            JsonObject spec = deref(parameter.getAsJsonObject());
            if (spec.get("in").getAsString().equals("query") && spec.has("required") && spec.get("required").getAsBoolean()) {
                path.append(separator).append(spec.get("name").getAsString()).append('=').append(spec.get("example").getAsString());
                separator = "&";
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = null;
        if (operation.has("requestBody")) {
            JsonObject json = operation.getAsJsonObject("requestBody").getAsJsonObject("content").getAsJsonObject("application/json");
            body = json.get("example").toString().getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/json");
        }
        return new Request(method.toUpperCase(Locale.ROOT), path.toString(), headers, body);
    }

    /** A request that should answer {@code status}, or {@code null} when the walk knows no way to provoke it. */
    private Request provoke(int status, Request ordinary, String template, JsonObject operation, HttpResponse<String> answer) {
        boolean hasBody = ordinary.body() != null;
        switch (status) {
            case 304 -> {
                String etag = answer.headers().firstValue("ETag").orElse(null);
                return etag == null ? null : new Request(ordinary.method(), ordinary.path(), Map.of("If-None-Match", etag), null);
            }
            case 400 -> {
                if (template.contains("{id}")) {
                    return withPath(ordinary, template.replace("{id}", "0"));
                }
                if (hasBody) {
                    return new Request(ordinary.method(), ordinary.path(), ordinary.headers(), "[]".getBytes(StandardCharsets.UTF_8));
                }
                if (ordinary.path().contains("?")) {
                    return withPath(ordinary, ordinary.path().substring(0, ordinary.path().indexOf('?'))); // without its required query
                }
                if (operation.toString().contains("\"limit\"")) {
                    return withPath(ordinary, ordinary.path() + "?limit=0");
                }
                return operation.toString().contains("DoneFilter") ? withPath(ordinary, ordinary.path() + "?done=maybe") : null;
            }
            case 404 -> {
                if (template.contains("{id}")) {
                    return withPath(ordinary, template.replace("{id}", String.valueOf(Long.MAX_VALUE)));
                }
                return template.contains("{file}") ? withPath(ordinary, template.replace("{file}", "missing-file.js")) : null;
            }
            case 412 -> {
                // a version the fresh task is not at
                Map<String, String> headers = new LinkedHashMap<>(ordinary.headers());
                headers.put("If-Match", "\"999999\"");
                return template.contains("{id}") ? new Request(ordinary.method(), ordinary.path(), headers, ordinary.body()) : null;
            }
            case 413 -> {
                String padded = "{\"name\":\"x\",\"done\":false,\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
                return hasBody ? new Request(ordinary.method(), ordinary.path(), ordinary.headers(), padded.getBytes(StandardCharsets.UTF_8)) : null;
            }
            case 415 -> {
                return hasBody ? new Request(ordinary.method(), ordinary.path(), Map.of("Content-Type", "text/plain"), ordinary.body()) : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static Request withPath(Request request, String path) {
        return new Request(request.method(), path, request.headers(), request.body());
    }

    /** Checks {@code answer} against the documented response for its status. */
    private void check(String label, JsonObject responses, HttpResponse<String> answer, Integer expected) {
        int status = answer.statusCode();
        seen.computeIfAbsent(label, key -> new TreeSet<>()).add(status);
        String where = label + " -> " + status;
        if (expected != null && status != expected) {
            failures.add(label + ": provoked " + expected + " but got " + status + " " + abbreviate(answer.body()));
            return;
        }
        if (!responses.has(String.valueOf(status))) {
            failures.add(where + " is not documented (" + responses.keySet() + "): " + abbreviate(answer.body()));
            return;
        }
        JsonObject response = deref(responses.get(String.valueOf(status)).getAsJsonObject());
        if (response.has("headers")) {
            for (Map.Entry<String, JsonElement> header : response.getAsJsonObject("headers").entrySet()) {
                JsonObject spec = deref(header.getValue().getAsJsonObject());
                if (spec.has("required") && spec.get("required").getAsBoolean() && answer.headers().firstValue(header.getKey()).isEmpty()) {
                    failures.add(where + ": the required header " + header.getKey() + " is missing");
                }
            }
        }
        String contentType = answer.headers().firstValue("Content-Type").orElse(null);
        if (!response.has("content")) {
            if (!answer.body().isEmpty()) {
                failures.add(where + ": documented without a body, sent " + abbreviate(answer.body()));
            }
            return;
        }
        String media = contentType == null ? "(none)" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonObject content = response.getAsJsonObject("content");
        if (!content.has(media)) {
            failures.add(where + ": Content-Type " + contentType + " is not among " + content.keySet());
            return;
        }
        JsonObject schema = content.getAsJsonObject(media).getAsJsonObject("schema");
        JsonElement value;
        if (media.endsWith("json")) {
            try {
                value = JsonParser.parseString(answer.body());
            } catch (JsonParseException e) {
                failures.add(where + ": not JSON: " + abbreviate(answer.body()));
                return;
            }
        } else if (media.startsWith("text/")) {
            value = new JsonPrimitive(answer.body());
        } else {
            return; // an image: its media type is all there is to check
        }
        if (schema != null) {
            schemas.check(value, schema).forEach(problem -> failures.add(where + ": " + problem));
        }
    }

    /** OPTIONS lists exactly the documented methods, and any other method gets 405 with the same list. */
    private void checkAllow(String template, JsonObject item) {
        String path = template.replace("{id}", "1").replace("{file}", "app.js");
        Set<String> documented = new TreeSet<>(List.of("HEAD", "OPTIONS"));
        METHODS.stream().filter(item::has).forEach(method -> documented.add(method.toUpperCase(Locale.ROOT)));
        HttpResponse<String> options = http.request("OPTIONS", path, Map.of(), null);
        Set<String> allowed = allow(options);
        if (options.statusCode() != 204 || !documented.equals(allowed)) {
            failures.add("OPTIONS " + template + ": " + options.statusCode() + " allowing " + allowed + ", documented " + documented);
        }
        String other = METHODS.stream().map(m -> m.toUpperCase(Locale.ROOT)).filter(m -> !documented.contains(m)).findFirst().orElse(null);
        if (other != null) {
            HttpResponse<String> refused = http.request(other, path, Map.of(), null);
            String type = refused.headers().firstValue("Content-Type").orElse("");
            if (refused.statusCode() != 405 || !type.startsWith("application/problem+json") || !documented.equals(allow(refused))) {
                failures.add(other + " " + template + ": " + refused.statusCode() + " allowing " + allow(refused) + ", expected 405 and " + documented);
            }
        }
    }

    private void checkCoverage() {
        for (Map.Entry<String, JsonElement> path : document.getAsJsonObject("paths").entrySet()) {
            for (String method : METHODS) {
                JsonObject operation = path.getValue().getAsJsonObject().getAsJsonObject(method);
                if (operation == null) {
                    continue;
                }
                String label = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                for (String code : operation.getAsJsonObject("responses").keySet()) {
                    int status = Integer.parseInt(code);
                    if (!seen.get(label).contains(status) && !NOT_PROVOKED.containsKey(status) && !alternative(label, status)) {
                        failures.add(label + ": documents " + status + " but the walk never got it (seen " + seen.get(label) + ")");
                    }
                }
            }
        }
    }

    /** /metrics answers 200 where metrics are on (the server) and 404 where they are off (the WAR's default): one of the two. */
    private boolean alternative(String label, int status) {
        return label.equals("GET /metrics") && (status == 200 || status == 404) && (seen.get(label).contains(200) || seen.get(label).contains(404));
    }

    private String example(String name, JsonObject item, JsonObject operation) {
        List<JsonElement> parameters = new ArrayList<>();
        for (JsonObject holder : List.of(operation, item)) {
            if (holder.has("parameters")) {
                holder.getAsJsonArray("parameters").forEach(parameters::add);
            }
        }
        for (JsonElement parameter : parameters) {
            JsonObject spec = deref(parameter.getAsJsonObject());
            if (spec.get("name").getAsString().equals(name) && spec.has("example")) {
                return spec.get("example").getAsString();
            }
        }
        throw new AssertionError("path parameter " + name + " has no example to walk with");
    }

    private long createTask() {
        HttpResponse<String> created = http.json("POST", "/tasks", "{\"name\":\"walked\",\"done\":false}");
        assertEquals(201, created.statusCode(), created.body());
        return JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsLong();
    }

    private HttpResponse<String> send(Request request) {
        return http.request(request.method(), request.path(), request.headers(), request.body());
    }

    private JsonObject deref(JsonObject node) {
        return node.has("$ref") ? deref(schemas.resolve(node.get("$ref").getAsString())) : node;
    }

    private static Set<String> allow(HttpResponse<String> response) {
        Set<String> methods = new TreeSet<>();
        response.headers().firstValue("Allow").ifPresent(allow -> {
            for (String method : allow.split(",")) {
                methods.add(method.trim());
            }
        });
        return methods;
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
