package io.github.todo.bench;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Where the load goes: the socket address, the {@code Host} header and the path prefix of the
 * base URL. Resolved once, so name lookups are not part of any request.
 */
record Target(URI url, InetSocketAddress address, String hostHeader, String basePath) {

    static Target of(URI url) {
        int port = url.getPort() < 0 ? 80 : url.getPort();
        String host = url.getHost();
        String hostHeader = url.getPort() < 0 ? host : host + ":" + port;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return new Target(url, new InetSocketAddress(host, port), hostHeader, path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }
}
