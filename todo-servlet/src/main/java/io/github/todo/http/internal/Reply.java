package io.github.todo.http.internal;

import io.github.todo.http.ApiExchange;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A handler's answer, sent once it is known: on the thread that waited for it, or on the
 * connection's event loop when the store finished elsewhere.
 */
@FunctionalInterface
interface Reply {

    /** The handler has answered already (a streamed list, a file, hello). */
    Reply SENT = exchange -> { };

    /** {@link #SENT}, as the stage a handler returns. */
    CompletionStage<Reply> ANSWERED = CompletableFuture.completedFuture(SENT);

    void send(ApiExchange exchange) throws IOException;

    /** An answer with no body, such as the 204 of OPTIONS. */
    static Reply empty(int status) {
        return exchange -> exchange.respond(status, null, new byte[0]);
    }

    /** The problem response {@code failure} makes: its status, its headers, its JSON body. */
    static Reply problem(Throwable failure) {
        return exchange -> {
            Problems.Problem problem = Problems.of(failure);
            Problems.headers(failure, problem.status(), exchange::header);
            exchange.respond(problem.status(), Problems.MEDIA_TYPE, problem.body());
        };
    }
}
