package io.github.todo.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The route table's own promises: every route decides on the token explicitly, and that decision
 * is the one the OpenAPI document tells clients; each method's handler is declared; only the
 * methods that send a task take a body; and HEAD is served wherever GET is, the same way.
 */
class RouteTableTest {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @Test
    void every_route_decides_on_the_token_as_the_openapi_document_says() throws IOException {
        JsonObject paths = openApi().getAsJsonObject("paths");
        for (Route route : Route.values()) {
            assertNotNull(route.access(), route + " has no token decision");
            JsonObject item = paths.getAsJsonObject(route.template());
            for (String method : route.methods()) {
                JsonObject operation = item.getAsJsonObject(method.toLowerCase(Locale.ROOT));
                if (operation == null) {
                    continue; // HEAD and OPTIONS are promised for every path, not listed
                }
                JsonArray security = operation.getAsJsonArray("security");
                boolean documentedToken = security != null && security.toString().contains("bearer");
                assertEquals(documentedToken, route.access() == Route.Access.TOKEN, method + " " + route.template());
            }
        }
    }

    @Test
    void the_task_routes_need_the_token() {
        for (Route route : Route.values()) {
            if (route.template().startsWith("/tasks")) {
                assertEquals(Route.Access.TOKEN, route.access(), route.template());
            }
        }
    }

    @Test
    void each_allowed_method_has_a_handler_and_takes_a_body_only_when_it_sends_a_task() {
        for (Route route : Route.values()) {
            assertEquals("OPTIONS", route.methods().get(route.methods().size() - 1), route.template());
            for (String method : route.methods()) {
                if (method.equals("OPTIONS")) {
                    continue; // the dispatcher answers it from the table
                }
                Route.Endpoint endpoint = route.endpoint(method);
                assertNotNull(endpoint, method + " " + route.template());
                assertNotNull(endpoint.handler(), method + " " + route.template());
                assertNotNull(endpoint.threading(), method + " " + route.template());
                assertEquals(WITH_BODY.contains(method), endpoint.takesBody(), method + " " + route.template());
            }
            if (route.endpoint("GET") != null) {
                assertEquals(route.endpoint("GET").handler(), route.endpoint("HEAD").handler(), route.template());
                assertEquals(route.endpoint("GET").threading(), route.endpoint("HEAD").threading(), route.template());
            }
            assertTrue(route.endpoint("OPTIONS") == null && route.endpoint("TRACE") == null, route.template());
        }
    }

    private static JsonObject openApi() throws IOException {
        try (InputStream in = RouteTableTest.class.getResourceAsStream("/io/github/todo/http/openapi.json")) {
            assertNotNull(in, "openapi.json on the class path");
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
