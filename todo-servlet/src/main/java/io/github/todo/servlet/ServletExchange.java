package io.github.todo.servlet;

import io.github.todo.http.ApiExchange;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/** An {@link ApiExchange} over a servlet request and response; nothing else. */
final class ServletExchange implements ApiExchange {

    /** For how long the rest of a refused body is read past, after the answer. */
    static final long DISCARD_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String path;
    private final String basePath;

    ServletExchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
        String pathInfo = request.getPathInfo();
        if (request.getHttpServletMapping().getMappingMatch() == MappingMatch.PATH) {
            // mapped as /prefix/*: the API lives below the prefix
            this.basePath = request.getContextPath() + request.getServletPath();
            this.path = pathInfo == null ? "/" : pathInfo;
        } else {
            this.basePath = request.getContextPath();
            String servletPath = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
            this.path = servletPath.isEmpty() ? "/" : servletPath;
        }
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String rawQuery() {
        return request.getQueryString();
    }

    @Override
    public String basePath() {
        return basePath;
    }

    @Override
    public String requestHeader(String name) {
        return request.getHeader(name);
    }

    @Override
    public long contentLength() {
        return request.getContentLengthLong();
    }

    @Override
    public InputStream body() throws IOException {
        return request.getInputStream();
    }

    @Override
    public void header(String name, String value) {
        response.setHeader(name, value);
    }

    @Override
    public void respond(int status, String contentType, byte[] body) throws IOException {
        closeIfBodyUnread();
        response.setStatus(status);
        if (contentType != null) {
            response.setContentType(contentType);
        }
        response.setContentLength(body.length);
        if (body.length > 0) {
            response.getOutputStream().write(body);
        }
    }

    /**
     * An answer given before the request's body was read (a refusal) closes the connection: a
     * client that stopped sending its body when the answer came must not send its next request on
     * this connection, where {@link #discardRestOfBody} would read it as the rest of the body.
     */
    private void closeIfBodyUnread() throws IOException {
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            return;
        }
        if (!request.getInputStream().isFinished()) {
            response.setHeader("Connection", "close");
        }
    }

    /**
     * Reads past what the API left of the request body (a body over the limit, a refused request)
     * once the answer is out: containers close such a connection with the rest unread, and the
     * client, still sending, then gets a reset instead of the answer. Bounded in time: each read
     * waits at most the container's read timeout, and none starts after {@link #DISCARD_NANOS}.
     * Nothing is kept.
     */
    void discardRestOfBody() {
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            return;
        }
        try {
            ServletInputStream in = request.getInputStream();
            if (in.isFinished()) {
                return;
            }
            response.flushBuffer(); // the answer first: a client that reads while it sends stops sending
            byte[] sink = new byte[64 * 1024];
            long started = System.nanoTime();
            while (in.read(sink) >= 0 && System.nanoTime() - started < DISCARD_NANOS) {
                // discarded
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was already read another way: nothing to protect
        }
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
        closeIfBodyUnread();
        response.setStatus(status);
        response.setContentType(contentType);
        return response.getOutputStream();
    }
}
