package io.github.todo.bench;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks the {@code --url} flag once, so a typo is a usage error and not a failed request. */
final class Urls {

    private Urls() {
        // Prevent instantiation
    }

    /**
     * The base URL without a trailing slash. A path is kept as a prefix, so a server deployed
     * under a context path ({@code http://host:8080/todo}) can be measured too.
     */
    static URI http(String url) throws UsageException {
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a URL: " + e.getMessage());
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException("--url needs http[s]://HOST[:PORT][/PATH], got '" + url + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("--url cannot have a query or a fragment, got '" + url + "'");
        }
        return uri;
    }
}
