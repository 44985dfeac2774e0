package io.github.todo.standalone;

import io.github.todo.http.ApiRequest;
import io.github.todo.http.TodoApi;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * The first of the server's handlers: one {@link UndertowExchange} per request, handed to
 * {@link TodoApi#begin}, which matches the route and runs the checks that need no body; the
 * handlers after it read that {@link ApiRequest} from the exchange.
 */
record BeginRequest(TodoApi api, HttpHandler next) implements HttpHandler {

    static final AttachmentKey<ApiRequest> REQUEST = AttachmentKey.create(ApiRequest.class);

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.putAttachment(REQUEST, api.begin(new UndertowExchange(exchange)));
        next.handleRequest(exchange);
    }
}
