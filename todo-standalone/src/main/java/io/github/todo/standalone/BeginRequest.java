package io.github.todo.standalone;

import io.github.todo.http.ApiRequest;
import io.github.todo.http.TodoApi;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * The first of the server's handlers: one {@link UndertowExchange} per request, handed to
 * {@link TodoApi#begin}, which matches the route and runs the checks that need no body; the
 * steps after it are handed that {@link ApiRequest}.
 */
record BeginRequest(TodoApi api, RequestStep next) implements HttpHandler {

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        next.handle(exchange, api.begin(new UndertowExchange(exchange)));
    }
}
