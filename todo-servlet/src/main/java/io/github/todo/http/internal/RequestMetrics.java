package io.github.todo.http.internal;

import io.github.todo.http.ApiExchange;
import java.io.IOException;

/** What the API measures of its requests, and {@code /metrics}; {@link #OFF} measures nothing. */
interface RequestMetrics extends AutoCloseable {

    /** Metrics off: requests go through unmeasured, and {@code /metrics} is a 404 that says how to turn them on. */
    RequestMetrics OFF = new RequestMetrics() {
        @Override
        public ApiExchange measure(ApiExchange exchange) {
            return exchange;
        }

        @Override
        public void record(ApiExchange measured, Router.Match match, long startedNanos) {
        }

        @Override
        public void serve(ApiExchange exchange) {
            throw notServed();
        }

        @Override
        public void close() {
        }
    };

    /** The 404 of {@code GET /metrics} where this API does not serve them. */
    static HttpProblemException notServed() {
        return new HttpProblemException(404, null, "metrics are off; set metrics=true (todo.metrics, TODO_METRICS) to serve them");
    }

    /** The exchange to serve the request through, which remembers what is needed to count it. */
    ApiExchange measure(ApiExchange exchange);

    /** Counts a request served through {@code measured} (from {@link #measure}) once its answer is sent. */
    void record(ApiExchange measured, Router.Match match, long startedNanos);

    /** Answers {@code GET /metrics}. */
    void serve(ApiExchange exchange) throws IOException;

    @Override
    void close();
}
