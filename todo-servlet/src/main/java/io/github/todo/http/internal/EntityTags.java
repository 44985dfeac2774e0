package io.github.todo.http.internal;

import io.github.todo.core.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's strong entity tag (RFC 9110 8.8.3) is its version in quotes, {@code "3"}, and the
 * {@code If-Match} and {@code If-None-Match} lists that name them. Tags of any other form never
 * match ours; a malformed list is the client's mistake (400).
 */
final class EntityTags {

    private EntityTags() {
        // Prevent instantiation
    }

    static String of(Task task) {
        return of(task.version());
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Whether a precondition header is {@code *}: any version, as long as the task exists. */
    static boolean isAny(String header) {
        return header.trim().equals("*");
    }

    /**
     * The versions a list of tags names (not {@code *}: see {@link #isAny}); weak tags and tags
     * that are not one of ours are left out (they can never match a strong comparison).
     *
     * @throws HttpProblemException 400 when {@code header} is not an entity-tag list
     */
    static List<Long> versions(String header, String name) {
        String list = header.trim();
        List<Long> versions = new ArrayList<>(1);
        int at = 0;
        while (at < list.length()) {
            boolean weak = list.startsWith("W/", at);
            int open = weak ? at + 2 : at;
            int close = open < list.length() && list.charAt(open) == '"' ? list.indexOf('"', open + 1) : -1;
            if (close < 0) {
                throw new HttpProblemException(400, name, "must be * or a list of entity tags such as \"3\", not " + header);
            }
            String tag = list.substring(open + 1, close);
            if (!weak && !tag.isEmpty() && tag.length() <= 18 && tag.chars().allMatch(c -> c >= '0' && c <= '9')
                    && Long.parseLong(tag) > 0) { // versions start at 1
                versions.add(Long.parseLong(tag));
            }
            at = close + 1;
            while (at < list.length() && (list.charAt(at) == ' ' || list.charAt(at) == '\t')) {
                at++;
            }
            if (at < list.length()) {
                if (list.charAt(at) != ',') {
                    throw new HttpProblemException(400, name, "must be * or a comma-separated list of entity tags, not " + header);
                }
                at++;
                while (at < list.length() && (list.charAt(at) == ' ' || list.charAt(at) == '\t')) {
                    at++;
                }
            }
        }
        return versions;
    }

    /** Whether an {@code If-None-Match} list names {@code task}'s current tag (weak comparison, as RFC 9110 asks there). */
    static boolean noneMatchHits(String header, Task task) {
        String list = header.trim();
        if (list.equals("*")) {
            return true;
        }
        String tag = of(task);
        for (String entry : list.split(",")) {
            String candidate = entry.trim();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
