package io.github.todo.client.internal;

import io.github.todo.client.TodoClient;
import java.net.http.HttpResponse;

/** A task's version travels in its strong {@code ETag}, {@code "3"}. */
final class Versions {

    private Versions() {
        // Prevent instantiation
    }

    /** The version the answer's {@code ETag} names, or {@link TodoClient#VERSION_UNKNOWN}. */
    static long of(HttpResponse<?> response) {
        String tag = response.headers().firstValue("ETag").orElse("").trim();
        if (tag.length() < 3 || tag.length() > 20 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            return TodoClient.VERSION_UNKNOWN;
        }
        String digits = tag.substring(1, tag.length() - 1);
        return digits.chars().allMatch(c -> c >= '0' && c <= '9') ? Long.parseLong(digits) : TodoClient.VERSION_UNKNOWN;
    }

    /** The {@code If-Match} value that names {@code version}. */
    static String ifMatch(long version) {
        return "\"" + version + "\"";
    }
}
