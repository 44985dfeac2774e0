package io.github.todo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The five calls of the seed protocol over one shared {@link HttpClient}, the counterpart of the
 * article's one {@code requests.Session}: HTTP/1.1, keep-alive connections pooled and shared by
 * all threads. Every call insists on a 2xx answer.
 */
final class SeedClient {

    static final String CREATE_BODY = "{\"name\":\"Test Task\",\"done\":false}";
    static final String UPDATE_BODY = "{\"name\":\"Updated Task\",\"done\":true}";

    // Long enough for a slow server under 10 threads, short enough that a hung one fails the run.
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String base;
    private final URI root;
    private final URI tasks;

    SeedClient(String baseUrl) {
        this(baseUrl, null);
    }

    /** {@code tls}: whom an {@code https} base is trusted by; {@code null} for the JDK's authorities. */
    SeedClient(String baseUrl, SSLContext tls) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.root = URI.create(base + "/");
        this.tasks = URI.create(base + "/tasks");
        // No retries: the article's Retry(total=1) would hide a 5xx that happens once.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** The text of {@code GET /info}, stripped: the server's name. */
    String info() {
        return send(HttpRequest.newBuilder(URI.create(base + "/info"))).strip();
    }

    void hello() {
        send(HttpRequest.newBuilder(root));
    }

    /** Creates {@code {"name":"Test Task","done":false}} and returns its id. */
    long create() {
        return JsonFiles.idOf(send(json(HttpRequest.newBuilder(tasks)).POST(BodyPublishers.ofString(CREATE_BODY))));
    }

    void read(long id) {
        send(HttpRequest.newBuilder(task(id)));
    }

    void update(long id) {
        send(json(HttpRequest.newBuilder(task(id))).PUT(BodyPublishers.ofString(UPDATE_BODY)));
    }

    void delete(long id) {
        send(HttpRequest.newBuilder(task(id)).DELETE());
    }

    private URI task(long id) {
        return URI.create(base + "/tasks/" + id);
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder) {
        return builder.header("Content-Type", "application/json");
    }

    private String send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(TIMEOUT).build();
        String what = request.method() + " " + request.uri().getRawPath();
        try {
            HttpResponse<String> response;
            try {
                response = http.send(request, BodyHandlers.ofString());
            } catch (IOException staleConnection) {
                // One retry, as the article's client mounts Retry(total=1): a keep-alive connection
                // the server closed while it sat in the pool fails the first use, not the request.
                response = http.send(request, BodyHandlers.ofString());
            }
            if (response.statusCode() / 100 != 2) {
                throw new BenchmarkException(what + " answered " + response.statusCode() + " "
                        + Texts.abbreviate(response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new BenchmarkException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException(what + " was interrupted", e);
        }
    }
}
