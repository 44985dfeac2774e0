import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The floor for hello on Undertow: no routing, no metrics, a prebuilt direct buffer, the I/O and
 * worker threads the todo server uses. Side by side with todo it shows what the HTTP contract costs
 * over the engine itself. A single-file program, run against the runnable jar's Undertow:
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx256m -cp todo-standalone/target/todo-standalone.jar \
 *      samples/benchmark/bare/BareUndertow.java 8000
 * </pre>
 */
public class BareUndertow {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        byte[] body = "Hello, world!".getBytes(StandardCharsets.UTF_8);
        ByteBuffer hello = ByteBuffer.allocateDirect(body.length).put(body).flip();
        Undertow.builder().addHttpListener(port, "127.0.0.1")
                .setIoThreads(2).setWorkerThreads(4)
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
                    exchange.getResponseSender().send(hello.duplicate());
                }).build().start();
        System.out.println("bare Undertow listening on http://127.0.0.1:" + port);
    }
}
