package io.github.todo.http.internal;

import io.github.todo.core.InvalidTaskException;
import java.util.HashMap;
import java.util.Map;

/** Finds the {@link Route} for a request path and parses the task id out of it. */
final class Router {

    private static final String TASKS_PREFIX = "/tasks/";
    private static final String DOCS_PREFIX = "/docs/";
    private static final String APP_PREFIX = "/app/";

    private Router() {
        // Prevent instantiation
    }

    /**
     * A matched route and its path parameter: the task id's text for {@link Route#TASK}, the file
     * name for {@link Route#DOCS_FILE} and {@link Route#APP_FILE}, else empty.
     */
    public record Match(Route route, String param) {

        /**
         * The task id in the path.
         *
         * @throws InvalidTaskException when it is malformed
         */
        public long id() {
            return parseId(param);
        }
    }

    private static final Map<String, Match> FIXED = new HashMap<>();

    static {
        for (Route route : Route.values()) {
            if (!route.template().contains("{")) {
                FIXED.put(route.template(), new Match(route, ""));
            }
        }
        FIXED.put(TASKS_PREFIX, FIXED.get(Route.TASKS.template()));
    }

    /**
     * The route for {@code path}, or {@code null} when none matches. Matching never fails: a
     * malformed task id is reported by {@link Match#id()}, so the route is known even then.
     */
    public static Match match(String path) {
        Match fixed = FIXED.get(path);
        if (fixed != null) {
            return fixed;
        }
        Route route = path.startsWith(TASKS_PREFIX) ? Route.TASK
                : path.startsWith(DOCS_PREFIX) ? Route.DOCS_FILE
                : path.startsWith(APP_PREFIX) ? Route.APP_FILE
                : null;
        if (route == null) {
            return null;
        }
        String param = path.substring(route.template().indexOf('{'));
        return param.indexOf('/') < 0 ? new Match(route, param) : null;
    }

    /** A positive 64-bit decimal without sign or leading noise; anything else is the client's mistake. */
    static long parseId(String text) {
        if (text.isEmpty() || text.length() > 19) {
            throw badId();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw badId(); // also refuses the signs and spaces parseLong would take
            }
        }
        try {
            long id = Long.parseLong(text);
            if (id == 0) {
                throw badId();
            }
            return id;
        } catch (NumberFormatException tooLarge) {
            throw badId();
        }
    }

    private static InvalidTaskException badId() {
        return new InvalidTaskException("id", "must be a positive integer below 2^63");
    }
}
