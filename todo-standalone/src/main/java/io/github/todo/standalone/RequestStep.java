package io.github.todo.standalone;

import io.github.todo.http.ApiRequest;
import io.undertow.server.HttpServerExchange;

/**
 * One step of the server's handling after {@link BeginRequest}: an Undertow handler that is also
 * handed the request begun, so that no step looks it up in the exchange's attachments (a map a
 * request would otherwise allocate).
 */
@FunctionalInterface
interface RequestStep {
    void handle(HttpServerExchange exchange, ApiRequest request) throws Exception;
}
