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
import javax.net.ssl.SSLContext;

/** A small HTTP client for the contract tests: java.net.http for normal requests, a raw socket for the abnormal. */
public final class HttpProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final SSLContext tls;
    private final HttpClient client;

    /** A probe for the API mounted at {@code base}, for example {@code http://127.0.0.1:8080/todo}. */
    public HttpProbe(URI base) {
        this(base, null, HttpClient.Version.HTTP_1_1);
    }

    /**
     * A probe for an {@code https} {@code base}, trusting what {@code tls} trusts, asking for
     * {@code version}; the raw requests are HTTP/1.1 over TLS.
     */
    public HttpProbe(URI base, SSLContext tls, HttpClient.Version version) {
        this.base = base;
        this.tls = tls;
        HttpClient.Builder builder = HttpClient.newBuilder().version(version).connectTimeout(TIMEOUT);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
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
        try (Socket socket = tls != null ? tls.getSocketFactory().createSocket(base.getHost(), base.getPort())
                : new Socket(base.getHost(), base.getPort())) {
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

    /** What {@link #oversized} saw: the answer, whether the whole body went out, and what came next. */
    public record Oversized(Raw answer, boolean bodySent, boolean continued, Raw next) {
    }

    /**
     * POSTs a JSON body of {@code size} bytes to {@code /tasks} the way a plain client does: it
     * writes the whole request before it reads anything, so it reads the answer only if the
     * server took the whole body. With {@code expectContinue} it asks {@code Expect: 100-continue}
     * and waits (up to 2 s, as curl does) for the 100 before it sends the body; a final answer
     * instead ends the request with no body sent. With {@code close} it asks {@code Connection:
     * close}. When the answer leaves the connection open, a {@code GET /} follows on it, to show
     * that the server and the client still agree where each request starts.
     */
    public Oversized oversized(long size, boolean chunked, boolean expectContinue, boolean close) {
        try (Socket socket = tls != null ? tls.getSocketFactory().createSocket(base.getHost(), base.getPort())
                : new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String head = "POST " + basePath() + "/tasks HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n")
                    + (expectContinue ? "Expect: 100-continue\r\n" : "")
                    + (close ? "Connection: close\r\n" : "") + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            boolean continued = false;
            if (expectContinue) {
                socket.setSoTimeout(2000);
                try {
                    Raw early = readResponse(in);
                    if (early.status() != 100) {
                        return new Oversized(early, false, false, null); // answered before the body
                    }
                    continued = true;
                } catch (java.net.SocketTimeoutException noAnswer) {
                    // as curl: no 100 in time, so the body goes anyway
                }
                socket.setSoTimeout((int) TIMEOUT.toMillis());
            }
            boolean sent = true;
            try {
                writeBody(out, size, chunked);
            } catch (IOException reset) {
                sent = false; // the server stopped reading; what it answered may still be readable
            }
            Raw answer = readResponse(in);
            Raw next = null;
            String connection = answer.header("Connection");
            if (sent && !close && (connection == null || !connection.equalsIgnoreCase("close"))) {
                out.write(("GET " + basePath() + "/ HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                next = readResponse(in);
            }
            return new Oversized(answer, sent, continued, next);
        } catch (IOException e) {
            throw new AssertionError("request with a body of " + size + " bytes failed: " + e, e);
        }
    }

    /** {@code {"name":"xxx...} of {@code size} bytes, written a block at a time, never held whole. */
    private static void writeBody(OutputStream out, long size, boolean chunked) throws IOException {
        byte[] block = new byte[64 * 1024];
        java.util.Arrays.fill(block, (byte) 'x');
        byte[] start = "{\"name\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, block, 0, start.length);
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(block.length, left);
            if (chunked) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(block, 0, n);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            left -= n;
            java.util.Arrays.fill(block, 0, start.length, (byte) 'x'); // only the first block starts the JSON
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    /**
     * Reads one response: the head a byte at a time (so nothing after it is taken from the
     * stream), then as many body bytes as it declares, or all until the server closes. A reset
     * counts as the end; fails when no complete head arrived.
     */
    private static Raw readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketTimeoutException timeout) {
                if (head.size() == 0) {
                    throw timeout; // nothing said yet: the caller decides what waiting means
                }
                b = -1;
            } catch (IOException reset) {
                b = -1;
            }
            if (b < 0) {
                throw new AssertionError("no complete response: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String headers = text.substring(0, text.length() - 4);
        int status = Integer.parseInt(headers.substring(0, headers.indexOf("\r\n") < 0 ? headers.length() : headers.indexOf("\r\n")).split(" ")[1]);
        long expected = status / 100 == 1 || status == 204 || status == 304 ? 0 : -1;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                expected = Long.parseLong(line.substring(15).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (expected < 0 || body.size() < expected) {
            int n;
            try {
                n = in.read(buffer, 0, expected < 0 ? buffer.length : (int) Math.min(buffer.length, expected - body.size()));
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                break;
            }
            body.write(buffer, 0, n);
        }
        return new Raw(status, headers, body.toString(StandardCharsets.UTF_8));
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
