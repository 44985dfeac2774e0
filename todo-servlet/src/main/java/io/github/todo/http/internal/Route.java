package io.github.todo.http.internal;

import java.util.List;

/** The API's paths and the methods each one allows; the one table behind routing, 405 and OPTIONS. */
public enum Route {
    HELLO("/", "GET", "HEAD", "OPTIONS"),
    INFO("/info", "GET", "HEAD", "OPTIONS"),
    HEALTH("/health", "GET", "HEAD", "OPTIONS"),
    HEALTH_LIVE("/health/live", "GET", "HEAD", "OPTIONS"),
    HEALTH_READY("/health/ready", "GET", "HEAD", "OPTIONS"),
    TASKS("/tasks", "GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"),
    TASK_COUNTS("/tasks/count", "GET", "HEAD", "OPTIONS"),
    TASK("/tasks/{id}", "GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"),
    OPENAPI("/openapi.json", "GET", "HEAD", "OPTIONS"),
    DOCS("/docs", "GET", "HEAD", "OPTIONS"),
    DOCS_FILE("/docs/{file}", "GET", "HEAD", "OPTIONS"),
    APP("/app", "GET", "HEAD", "OPTIONS"),
    APP_PAGE("/app/", "GET", "HEAD", "OPTIONS"),
    APP_FILE("/app/{file}", "GET", "HEAD", "OPTIONS"),
    METRICS("/metrics", "GET", "HEAD", "OPTIONS");

    private final String template;
    private final List<String> methods;
    private final String allow;

    Route(String template, String... methods) {
        this.template = template;
        this.methods = List.of(methods);
        this.allow = String.join(", ", methods);
    }

    /** The path as documented, with {@code {id}} for the task id. */
    public String template() {
        return template;
    }

    public boolean allows(String method) {
        return methods.contains(method);
    }

    /** The value of the {@code Allow} header for this path. */
    public String allow() {
        return allow;
    }

    /** The methods this path answers, in documentation order. */
    public List<String> methods() {
        return methods;
    }
}
