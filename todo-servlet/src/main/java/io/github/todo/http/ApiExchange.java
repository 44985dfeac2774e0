package io.github.todo.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One HTTP request and its response, as a container presents them. Each adapter implements this
 * small seam; every rule of the API lives in {@link TodoApi}.
 */
public interface ApiExchange {

    /** The request method in upper case, for example {@code GET}. */
    String method();

    /** The request path below where the API is mounted, starting with {@code /}. */
    String path();

    /** The raw (still percent-encoded) query string, or {@code null} when there is none. */
    String rawQuery();

    /**
     * The path prefix where the API is mounted (context path plus servlet path), empty at the root;
     * {@code Location} and {@code Link} headers start with it.
     */
    String basePath();

    /** The first value of request header {@code name}, or {@code null}. */
    String requestHeader(String name);

    /** The declared request body length, or -1 when unknown. */
    long contentLength();

    /**
     * The request body. The API may answer without reading all of it (a body over the limit, a
     * refused request): the adapter then reads the rest and discards it after the answer, for a
     * bounded time, so that a client still sending reads the answer instead of a reset connection.
     */
    InputStream body() throws IOException;

    /** Sets a response header; call before {@link #respond} or {@link #stream}. */
    void header(String name, String value);

    /** Sends a complete response whose length is known. {@code body} may be empty. */
    void respond(int status, String contentType, byte[] body) throws IOException;

    /** Starts a response of unknown length and returns the stream to write its body to. */
    OutputStream stream(int status, String contentType) throws IOException;

    /**
     * Drops the connection without a (further) answer. {@link ApiRequest#serve(java.util.concurrent.Executor)}
     * calls it when an answer written later, from a task, fails; adapters that only call
     * {@link TodoApi#handle(ApiExchange)}, which throws such failures instead, may leave it as is.
     */
    default void abort() {
    }
}
