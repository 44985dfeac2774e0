package io.github.todo.http.internal;

import static io.github.todo.http.internal.Route.Access.OPEN;
import static io.github.todo.http.internal.Route.Access.TOKEN;
import static io.github.todo.http.internal.Route.Threading.BLOCKING;
import static io.github.todo.http.internal.Route.Threading.EVENT_LOOP;
import static io.github.todo.http.internal.Route.Threading.WHEN_LOADED;

import io.github.todo.http.ApiExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The route table: every path the API answers, with all it needs to know of each, in one entry:
 * who may call it, and per method whether it takes a body, where it may run and its handler.
 * Routing, 405, {@code Allow}, OPTIONS, CORS, the token check, the body limit and the choice of
 * thread all read it from here. Adding an endpoint is one entry (or one method of an entry) and
 * its handler.
 */
public enum Route {
    HELLO("/", OPEN, get(EVENT_LOOP, (api, exchange, match) -> api.hello(exchange))),
    INFO("/info", OPEN, get(EVENT_LOOP, (api, exchange, match) -> api.info(exchange))),
    HEALTH("/health", OPEN, get(BLOCKING, (api, exchange, match) -> api.health(exchange))),
    HEALTH_LIVE("/health/live", OPEN, get(EVENT_LOOP, (api, exchange, match) -> api.live(exchange))),
    HEALTH_READY("/health/ready", OPEN, get(BLOCKING, (api, exchange, match) -> api.health(exchange))),
    TASKS("/tasks", TOKEN,
            get(BLOCKING, (api, exchange, match) -> api.tasks().list(exchange)), // streams from the database
            withBody("POST", EVENT_LOOP, (api, exchange, match) -> api.tasks().create(exchange)),
            withBody("PATCH", BLOCKING, (api, exchange, match) -> api.tasks().markAll(exchange)), // set operations take a while
            without("DELETE", BLOCKING, (api, exchange, match) -> api.tasks().deleteAll(exchange))),
    TASK_COUNTS("/tasks/count", TOKEN, get(BLOCKING, (api, exchange, match) -> api.tasks().counts(exchange))),
    TASK("/tasks/{id}", TOKEN,
            get(EVENT_LOOP, (api, exchange, match) -> api.tasks().read(exchange, match.id())),
            withBody("PUT", EVENT_LOOP, (api, exchange, match) -> api.tasks().replace(exchange, match.id())),
            withBody("PATCH", EVENT_LOOP, (api, exchange, match) -> api.tasks().patch(exchange, match.id())),
            without("DELETE", EVENT_LOOP, (api, exchange, match) -> api.tasks().delete(exchange, match.id()))),
    OPENAPI("/openapi.json", OPEN, files()),
    DOCS("/docs", OPEN, files()),
    DOCS_FILE("/docs/{file}", OPEN, files()),
    APP("/app", OPEN, files()),
    APP_PAGE("/app/", OPEN, files()),
    APP_FILE("/app/{file}", OPEN, files()),
    METRICS("/metrics", OPEN, get(BLOCKING, (api, exchange, match) -> api.metrics(exchange)));

    /** Whether a route needs the bearer token (when one is configured). Every route says which. */
    public enum Access { OPEN, TOKEN }

    /** Where a method's handler may run. */
    public enum Threading {
        /** On an event loop: it never blocks (a task read or write answers later if it must wait). */
        EVENT_LOOP,
        /** On a thread that may block: it reads the database or a file. */
        BLOCKING,
        /** On an event loop once the file it serves is in memory, else on a thread that may block. */
        WHEN_LOADED
    }

    /** Serves one request; the stage completes with the answer, at once when it is known at once. */
    @FunctionalInterface
    interface Handler {
        CompletionStage<Reply> handle(RouteHandlers api, ApiExchange exchange, Router.Match match) throws IOException;
    }

    /** One method of a route. */
    record Endpoint(String method, boolean takesBody, Threading threading, Handler handler) {
    }

    private final String template;
    private final Access access;
    private final Endpoint[] endpoints;
    private final List<String> methods;
    private final String allow;

    Route(String template, Access access, Endpoint[]... endpoints) {
        this.template = template;
        this.access = access;
        List<Endpoint> all = new ArrayList<>();
        for (Endpoint[] each : endpoints) {
            all.addAll(List.of(each));
        }
        this.endpoints = all.toArray(Endpoint[]::new);
        List<String> names = new ArrayList<>();
        all.forEach(endpoint -> names.add(endpoint.method()));
        names.add("OPTIONS"); // answered for every route, from this table
        this.methods = List.copyOf(names);
        this.allow = String.join(", ", names);
    }

    /** The path as documented, with {@code {id}} for the task id. */
    public String template() {
        return template;
    }

    public Access access() {
        return access;
    }

    /** The methods this path answers, in documentation order, OPTIONS last. */
    public List<String> methods() {
        return methods;
    }

    /** The value of the {@code Allow} header for this path. */
    public String allow() {
        return allow;
    }

    /** The endpoint of {@code method} (not OPTIONS), or null when this path does not allow it. */
    Endpoint endpoint(String method) {
        for (Endpoint endpoint : endpoints) {
            if (endpoint.method().equals(method)) {
                return endpoint;
            }
        }
        return null;
    }

    /** GET and its HEAD, which the adapters answer without the body. */
    private static Endpoint[] get(Threading threading, Handler handler) {
        return new Endpoint[] {new Endpoint("GET", false, threading, handler), new Endpoint("HEAD", false, threading, handler)};
    }

    private static Endpoint[] withBody(String method, Threading threading, Handler handler) {
        return new Endpoint[] {new Endpoint(method, true, threading, handler)};
    }

    private static Endpoint[] without(String method, Threading threading, Handler handler) {
        return new Endpoint[] {new Endpoint(method, false, threading, handler)};
    }

    private static Endpoint[] files() {
        return get(WHEN_LOADED, (api, exchange, match) -> api.file(exchange, match));
    }
}
