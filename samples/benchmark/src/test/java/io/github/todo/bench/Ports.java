package io.github.todo.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for tests. */
final class Ports {

    private Ports() {
        // Prevent instantiation
    }

    /** A loopback port that was free a moment ago and has nothing listening now. */
    static int closed() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
