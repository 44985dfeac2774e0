package io.github.todo.http.internal;

import io.github.todo.core.InvalidTaskException;

/** Finds the {@link Route} for a request path and parses the task id out of it. */
public final class Router {

    private static final String TASKS_PREFIX = "/tasks/";

    private Router() {
        // Prevent instantiation
    }

    /** A matched route and, for {@link Route#TASK}, the id in the path. */
    public record Match(Route route, long id) {
    }

    private static final Match HELLO = new Match(Route.HELLO, 0);
    private static final Match INFO = new Match(Route.INFO, 0);
    private static final Match HEALTH = new Match(Route.HEALTH, 0);
    private static final Match TASKS = new Match(Route.TASKS, 0);

    /**
     * The route for {@code path}, or {@code null} when none matches.
     *
     * @throws InvalidTaskException when the path names a task with a malformed id
     */
    public static Match match(String path) {
        switch (path) {
            case "/":
                return HELLO;
            case "/info":
                return INFO;
            case "/health":
                return HEALTH;
            case "/tasks":
            case TASKS_PREFIX:
                return TASKS;
            default:
                break;
        }
        if (path.startsWith(TASKS_PREFIX) && path.indexOf('/', TASKS_PREFIX.length()) < 0) {
            return new Match(Route.TASK, parseId(path.substring(TASKS_PREFIX.length())));
        }
        return null;
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
