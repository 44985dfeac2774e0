package io.github.todo.client.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.OptionalLong;

/** The {@code Link} header (RFC 8288) of a page: where the next page starts. */
final class Links {

    private Links() {
        // Prevent instantiation
    }

    /**
     * The {@code after} of the link whose relation is {@code next}, as in
     * {@code Link: </tasks?limit=2&after=7>; rel="next"}; empty on the last page.
     */
    static OptionalLong nextAfter(HttpResponse<?> response) throws IOException {
        for (String header : response.headers().allValues("Link")) {
            for (String link : header.split(",")) {
                int open = link.indexOf('<');
                int close = link.indexOf('>', open + 1);
                if (open < 0 || close < 0 || !isNext(link.substring(close + 1))) {
                    continue;
                }
                String target = link.substring(open + 1, close);
                int query = target.indexOf('?');
                for (String parameter : target.substring(query + 1).split("&")) {
                    if (parameter.startsWith("after=")) {
                        try {
                            return OptionalLong.of(Long.parseLong(parameter.substring("after=".length())));
                        } catch (NumberFormatException e) {
                            throw new IOException("the next page's link has a malformed after: " + target);
                        }
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    private static boolean isNext(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.trim().replace("\"", "");
            if (p.startsWith("rel=") && (" " + p.substring(4) + " ").contains(" next ")) {
                return true;
            }
        }
        return false;
    }
}
