package io.github.todo.http.internal;

import io.github.todo.core.InvalidTaskException;
import io.github.todo.core.PageRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads the paging and filter parameters of {@code /tasks} from the raw query string. */
final class QueryParams {

    private QueryParams() {
        // Prevent instantiation
    }

    /** The page asked for, or {@code null} when the query asks for no paging (the whole list). */
    static PageRequest page(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        String limit = null;
        String after = null;
        String done = null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "limit" -> limit = value;
                case "after" -> after = value;
                case "done" -> done = value;
                default -> { } // unknown parameters are ignored, like unknown JSON fields
            }
        }
        if (limit == null && after == null && done == null) {
            return null;
        }
        return new PageRequest(
                limit == null ? PageRequest.DEFAULT_LIMIT : (int) number("limit", limit, 1, PageRequest.MAX_LIMIT),
                after == null ? 0 : number("after", after, 0, Long.MAX_VALUE),
                done == null ? null : bool(done));
    }

    /** The {@code done} parameter: {@code true}, {@code false}, or {@code null} when absent. */
    static Boolean done(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Boolean done = null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (decode(eq < 0 ? pair : pair.substring(0, eq)).equals("done")) {
                done = bool(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return done;
    }

    private static long number(String field, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            // ASCII digits only: Character.isDigit and parseLong also take other scripts' digits (U+0661 is 1)
            if (value >= min && value <= max && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidTaskException(field, "must be an integer from " + min + " to " + max);
    }

    private static Boolean bool(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidTaskException("done", "must be true or false");
        };
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpProblemException(400, "query", "the query string is not properly percent-encoded");
        }
    }
}
