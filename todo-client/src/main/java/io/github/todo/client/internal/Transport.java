package io.github.todo.client.internal;

import io.github.todo.core.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Sends the client's requests: the base URL, the bearer token and the timeout on each, and at most
 * 64 requests in flight ({@code MAX_IN_FLIGHT}); more wait here in order. Without that bound, a
 * thousand {@code createAsync} calls would open a thousand connections at once.
 */
public final class Transport {

    /** Requests on the wire at once, at most; the rest wait in the client. */
    static final int MAX_IN_FLIGHT = 64;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    /** The HttpClient's executor when the client made it (and so closes it); else null. */
    private final ExecutorService own;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    /** {@code given} is used as it is; without one, an HTTP/1.1 client is made and owned. */
    public Transport(URI base, String token, Duration timeout, HttpClient given, SSLContext tls) {
        String url = base.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = token == null ? null : "Bearer " + token;
        this.timeout = timeout;
        if (given != null) {
            this.http = given;
            this.own = null;
        } else {
            AtomicInteger threads = new AtomicInteger();
            this.own = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "todo-client-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1) // what every todo server speaks
                    .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                    .executor(own);
            if (tls != null) {
                builder.sslContext(tls);
            }
            this.http = builder.build();
        }
    }

    /** A request to {@code pathAndQuery} under the base URL, with the token and the timeout. */
    public HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    /** The answer, read whole; a failure to get one fails the stage with a {@link StoreException}. */
    public CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> answer = new CompletableFuture<>();
        Runnable start = () -> start(request, answer);
        synchronized (waiting) {
            if (inFlight >= MAX_IN_FLIGHT) {
                waiting.add(start);
                return answer;
            }
            inFlight++;
        }
        start.run();
        return answer;
    }

    private void start(HttpRequest request, CompletableFuture<HttpResponse<byte[]>> answer) {
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) { // a closed HttpClient, say
            startNext();
            answer.completeExceptionally(Failures.unreachable(e, request, timeout));
            return;
        }
        sent.whenComplete((response, failure) -> {
            startNext();
            if (failure != null) {
                answer.completeExceptionally(Failures.unreachable(unwrap(failure), request, timeout));
            } else {
                answer.complete(response);
            }
        });
    }

    /** The answer with its body still to be read, for the full list; waits for the headers. */
    public HttpResponse<InputStream> stream(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw Failures.unreachable(e, request, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for " + request.method() + " " + request.uri(), e);
        }
    }

    /** The base URL, without a trailing slash. */
    public String base() {
        return base;
    }

    /**
     * Releases what the client made: its HttpClient's threads (and, on Java 21 and later, the
     * HttpClient itself). A given HttpClient is left to its owner.
     */
    public void close() {
        if (own == null) {
            return;
        }
        if (http instanceof AutoCloseable closeable) { // Java 21+
            try {
                closeable.close();
            } catch (Exception e) {
                // closing releases resources only; nothing to report
            }
        }
        own.shutdown();
    }

    private void startNext() {
        Runnable next;
        synchronized (waiting) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        next.run();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
