package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The relay alone, on the machine's loopback: no root needed. */
class DelayRelayTest {

    /** Echoes every byte back on each connection it accepts. */
    private static ServerSocket echo() throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().transferTo(socket.getOutputStream());
                } catch (IOException e) {
                    // closed
                }
            }
        }, "echo");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    @Test
    void each_round_trip_takes_the_rtt_and_bytes_arrive_in_order() throws IOException {
        try (ServerSocket server = echo(); DelayRelay relay = DelayRelay.start(server.getLocalPort(), 20, 4);
             Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            client.setTcpNoDelay(true);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            for (int i = 0; i < 5; i++) {
                byte[] message = ("message " + i).getBytes(StandardCharsets.US_ASCII);
                long start = System.nanoTime();
                out.write(message);
                byte[] back = in.readNBytes(message.length);
                double millis = (System.nanoTime() - start) / 1e6;
                assertArrayEquals(message, back);
                // 20 ms ± 4 ms of jitter, and a loaded machine's scheduling on top
                assertTrue(millis >= 15.9 && millis < 60, "round trip took " + millis + " ms");
            }
        }
    }
}
