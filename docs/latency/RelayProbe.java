// What latency's relay adds to a round trip, without HTTP: a 200-byte echo on 127.0.0.1, straight
// (-1) and through DelayRelay at each RTT given. Run from the repository root, after a build:
//   java -cp samples/benchmark/target/todo-benchmark.jar docs/latency/RelayProbe.java 300 -1 0 1 10 50
// (300 round trips each after 20 unmeasured). DelayRelay is package-private: reached by reflection.
import java.io.*;
import java.lang.reflect.*;
import java.net.*;

public class RelayProbe {
    public static void main(String[] args) throws Exception {
        ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> { while (true) { try { Socket s = echo.accept(); s.setTcpNoDelay(true);
            new Thread(() -> { try { s.getInputStream().transferTo(s.getOutputStream()); } catch (IOException e) {} }).start(); } catch (IOException e) { return; } } });
        t.setDaemon(true); t.start();
        Class<?> relayClass = Class.forName("io.github.todo.bench.DelayRelay");
        Method start = relayClass.getDeclaredMethod("start", int.class, double.class, double.class);
        start.setAccessible(true);
        Method port = relayClass.getDeclaredMethod("port"); port.setAccessible(true);
        int n = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            double rtt = Double.parseDouble(args[i]);
            int p = rtt < 0 ? echo.getLocalPort() : (int) port.invoke(start.invoke(null, echo.getLocalPort(), rtt, 0.0));
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), p)) {
                c.setTcpNoDelay(true);
                byte[] msg = new byte[200];
                for (int k = 0; k < 20; k++) { c.getOutputStream().write(msg); c.getInputStream().readNBytes(200); }
                long begin = System.nanoTime();
                for (int k = 0; k < n; k++) { c.getOutputStream().write(msg); c.getInputStream().readNBytes(200); }
                double ms = (System.nanoTime() - begin) / 1e6 / n;
                System.out.printf("%s: %.3f ms per round trip, %.3f over the RTT%n", rtt < 0 ? "direct" : "relay " + rtt + " ms", ms, ms - Math.max(rtt, 0));
            }
        }
        System.exit(0);
    }
}
