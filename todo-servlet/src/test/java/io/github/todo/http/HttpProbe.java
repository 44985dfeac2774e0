package io.github.todo.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** A small HTTP client for the contract tests: java.net.http for normal requests, a raw socket for the abnormal. */
public final class HttpProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    /** A probe for the API mounted at {@code base}, for example {@code http://127.0.0.1:8080/todo}. */
    public HttpProbe(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** The path prefix of the API, empty at the root. */
    public String basePath() {
        String path = base.getRawPath();
        return path == null ? "" : path;
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** A request with a JSON body sent as {@code application/json}. */
    public HttpResponse<String> json(String method, String path, String json) {
        return send(method, path, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
        return request(method, path, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body);
    }

    /** A request with these headers; the body is read as UTF-8 text. */
    public HttpResponse<String> request(String method, String path, Map<String, String> headers, byte[] body) {
        return send(method, path, headers, body, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A GET with these headers whose body is kept as bytes, for files that are not text or arrive compressed. */
    public HttpResponse<byte[]> bytes(String path, Map<String, String> headers) {
        return send("GET", path, headers, null, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(String method, String path, Map<String, String> headers, byte[] body,
                                     HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return client.send(request.build(), handler);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A raw response: status code, header block and body as text. */
    public record Raw(int status, String headers, String body) {
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line; {@code Host} and
     * {@code Connection: close} are added) and {@code body} over a fresh socket, and reads the
     * response until the server closes the connection or the declared length has arrived.
     */
    public Raw raw(String head, byte[] body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            String fullHead = head + "\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n\r\n";
            out.write(fullHead.getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (IOException serverStoppedReading) {
                // the server may answer and close before taking the whole body; read what it said
            }
            return readResponse(socket.getInputStream());
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }

    private static Raw readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        long expected = -1;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                break;
            }
            bytes.write(buffer, 0, n);
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                for (String line : text.substring(0, headEnd).split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        expected = Long.parseLong(line.substring(15).trim());
                    }
                }
            }
            if (headEnd >= 0 && expected >= 0 && bytes.size() >= headEnd + 4 + expected) {
                break;
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete response: " + text);
        }
        String statusLine = text.substring(0, text.indexOf("\r\n"));
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        return new Raw(status, text.substring(0, end), text.substring(end + 4));
    }

    /** The body as a JSON object; fails the test when it is not one. */
    public static com.google.gson.JsonObject jsonObject(HttpResponse<String> response) {
        com.google.gson.JsonElement element = com.google.gson.JsonParser.parseString(response.body());
        if (!element.isJsonObject()) {
            throw new AssertionError("not a JSON object: " + response.body());
        }
        return element.getAsJsonObject();
    }

    /** The JSON the API answers for a task. */
    public static com.google.gson.JsonObject taskJson(long id, String name, boolean done) {
        com.google.gson.JsonObject task = new com.google.gson.JsonObject();
        task.addProperty("id", id);
        task.addProperty("name", name);
        task.addProperty("done", done);
        return task;
    }
}
