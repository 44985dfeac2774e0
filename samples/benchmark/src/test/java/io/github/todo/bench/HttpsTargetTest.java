package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.todo.http.TestCertificates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load tool over HTTPS, trusting a self-signed certificate made at run time with {@code --trust}. */
class HttpsTargetTest {

    @TempDir
    Path dir;

    @Test
    void load_measures_an_https_server_it_is_told_to_trust() throws Exception {
        TestCertificates.Made made = TestCertificates.make(dir.resolve("tls"), "server", "EC", "dns:localhost,ip:127.0.0.1", 30);
        SSLServerSocket server = (SSLServerSocket) serving(made.keystore()).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> answerHello(server), "https-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            String url = "https://127.0.0.1:" + server.getLocalPort();
            Path out = dir.resolve("load.json");
            Runs.Outcome trusted = Runs.main("load", "--url", url, "--trust", made.certificate().toString(), "--op", "hello",
                    "--connections", "2", "--duration", "0.5", "--out", out.toString());
            assertEquals(0, trusted.status(), trusted.err());
            JsonObject result = JsonFiles.readObject(out);
            assertTrue(result.get("requests").getAsLong() > 0, result.toString());
            assertEquals(0, result.get("errors").getAsLong(), result.toString());

            Runs.Outcome untrusted = Runs.main("load", "--url", url, "--op", "hello", "--duration", "0.5",
                    "--out", dir.resolve("no.json").toString());
            assertNotEquals(0, untrusted.status(), "a certificate nobody vouches for is refused");
            Runs.Outcome notPem = Runs.main("load", "--url", url, "--trust", made.key().toString(), "--op", "hello");
            assertEquals(2, notPem.status());
            assertTrue(notPem.err().contains("--trust"), notPem.err());
        } finally {
            server.close();
        }
    }

    /** A minimal HTTPS/1.1 server: /info names it, anything else is hello; keep-alive, a thread a connection. */
    private static void answerHello(SSLServerSocket server) {
        while (!server.isClosed()) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread serving = new Thread(() -> {
                try (Socket socket = connection) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = socket.getOutputStream();
                    for (String line; (line = in.readLine()) != null; ) {
                        String path = line.split(" ").length > 1 ? line.split(" ")[1] : "/";
                        while ((line = in.readLine()) != null && !line.isEmpty()) {
                            // headers: none of them matter here
                        }
                        byte[] body = (path.equals("/info") ? "tls-test" : "Hello, world!").getBytes(StandardCharsets.UTF_8);
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body);
                        out.flush();
                    }
                } catch (IOException gone) {
                    // the client closed, or refused the certificate
                }
            });
            serving.setDaemon(true);
            serving.start();
        }
    }

    private static SSLContext serving(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, TestCertificates.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
