package io.github.todo.servlet;

import io.github.todo.http.ApiExchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An {@link ApiExchange} over a servlet request and response; nothing else. */
final class ServletExchange implements ApiExchange {

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
        response.setStatus(status);
        if (contentType != null) {
            response.setContentType(contentType);
        }
        response.setContentLength(body.length);
        if (body.length > 0) {
            response.getOutputStream().write(body);
        }
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        return response.getOutputStream();
    }
}
