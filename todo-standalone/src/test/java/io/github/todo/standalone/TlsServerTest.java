package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS beyond the contract: renewal, the start errors, plain HTTP on the HTTPS port, redirect, HSTS, other key forms. */
class TlsServerTest {

    private static final String NAMES = "dns:localhost,ip:127.0.0.1";

    @TempDir
    Path dir;

    private TodoServer start(TlsSettings tls) {
        return TodoServer.start(ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db"))).withPort(0).withTls(tls));
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(SSLContext trust) {
        return HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1).build();
    }

    private static BigInteger servedSerial(HttpResponse<?> response) throws Exception {
        return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }

    @Test
    void a_renewed_certificate_serves_new_connections_while_open_ones_keep_working() throws Exception {
        TestCertificates.Made first = TestCertificates.make(dir.resolve("a"), "first", "EC", NAMES, 30);
        TestCertificates.Made second = TestCertificates.make(dir.resolve("b"), "second", "RSA", NAMES, 30);
        TestCertificates.Made third = TestCertificates.make(dir.resolve("c"), "third", "EC", NAMES, 30);
        Path cert = dir.resolve("live/fullchain.pem");
        Path key = dir.resolve("live/privkey.pem");
        Files.createDirectories(cert.getParent());
        Files.copy(first.certificate(), cert);
        Files.copy(first.key(), key);
        SSLContext trust = TestCertificates.trusting(first.x509(), second.x509(), third.x509());
        try (TodoServer server = start(TlsSettings.with(new TlsSettings.PemFiles(cert, key)))) {
            String url = server.url() + "/";
            HttpClient open = client(trust);
            assertEquals(first.x509().getSerialNumber(), servedSerial(get(open, url)));

            // renewed in place, announced as SIGHUP does
            Files.copy(second.certificate(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(second.key(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertTrue(server.reloadCertificate());
            assertEquals(second.x509().getSerialNumber(), servedSerial(get(client(trust), url)), "a new connection");
            HttpResponse<String> onOpen = get(open, url);
            assertEquals(200, onOpen.statusCode());
            assertEquals(first.x509().getSerialNumber(), servedSerial(onOpen), "the open connection keeps its handshake");

            // a key that does not match: refused, the renewed one keeps serving
            Files.copy(third.key(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertFalse(server.reloadCertificate());
            assertEquals(second.x509().getSerialNumber(), servedSerial(get(client(trust), url)));

            // the matching certificate arrives: the watcher notices by itself
            Files.copy(third.certificate(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            BigInteger served = servedSerial(get(client(trust), url));
            while (!served.equals(third.x509().getSerialNumber()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // the watcher looks every 2 s
                served = servedSerial(get(client(trust), url));
            }
            assertEquals(third.x509().getSerialNumber(), served, "the watched files were not noticed within 30 s");
        }
    }

    @Test
    void plain_http_on_the_https_port_is_closed_not_left_hanging() throws Exception {
        TestCertificates.Made made = TestCertificates.make(dir.resolve("t"), "server", "EC", NAMES, 30);
        try (TodoServer server = start(TlsSettings.with(new TlsSettings.PemFiles(made.certificate(), made.key())));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // whatever the TLS layer says (an alert), then the end
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("plain HTTP on the HTTPS port hung for 10 s");
            } catch (IOException reset) {
                // a reset is a close too
            }
        }
    }

    @Test
    void the_http_port_redirects_to_https_and_hsts_is_sent() throws Exception {
        TestCertificates.Made made = TestCertificates.make(dir.resolve("t"), "server", "RSA", NAMES, 30);
        int httpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            httpPort = free.getLocalPort();
        }
        try (TodoServer server = start(new TlsSettings(new TlsSettings.PemFiles(made.certificate(), made.key()), httpPort, true))) {
            HttpResponse<String> redirect = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + httpPort + "/tasks?limit=5");
            assertEquals(308, redirect.statusCode());
            assertEquals("https://127.0.0.1:" + server.port() + "/tasks?limit=5", redirect.headers().firstValue("Location").orElseThrow());
            HttpResponse<String> hello = get(client(TestCertificates.trusting(made.x509())), server.url() + "/");
            assertEquals("max-age=31536000", hello.headers().firstValue("Strict-Transport-Security").orElseThrow());
            HttpResponse<String> health = get(client(TestCertificates.trusting(made.x509())), server.url() + "/health");
            assertEquals(200, health.statusCode());
            HttpResponse<String> metrics = get(client(TestCertificates.trusting(made.x509())), server.url() + "/metrics");
            assertTrue(metrics.body().contains("http_server_requests"), "metrics over HTTPS");
        }
    }

    @Test
    void a_keystore_and_a_traditional_rsa_key_serve_too() throws Exception {
        TestCertificates.Made made = TestCertificates.make(dir.resolve("t"), "server", "RSA", NAMES, 30);
        SSLContext trust = TestCertificates.trusting(made.x509());
        try (TodoServer server = start(TlsSettings.with(new TlsSettings.KeyStoreFile(made.keystore(), TestCertificates.PASSWORD)))) {
            assertEquals(200, get(client(trust), server.url() + "/").statusCode());
        }
        Path traditional = dir.resolve("t/server-rsa.pem");
        Files.writeString(traditional, TestCertificates.traditionalRsa(made.key()));
        assertTrue(Files.readString(traditional).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        try (TodoServer server = start(TlsSettings.with(new TlsSettings.PemFiles(made.certificate(), traditional)))) {
            assertEquals(200, get(client(trust), server.url() + "/").statusCode());
        }
    }

    @Test
    void a_traditional_ec_key_from_openssl_serves_with_its_parameters_block_beside_it() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        assumeTrue(Files.isExecutable(openssl), "SKIPPED: openssl is not installed at /usr/bin/openssl");
        Path key = dir.resolve("ec.pem");
        Path cert = dir.resolve("ec-cert.pem");
        // without -noout, openssl writes an EC PARAMETERS block before the EC PRIVATE KEY (SEC 1) one
        run(openssl.toString(), "ecparam", "-name", "prime256v1", "-genkey", "-out", key.toString());
        run(openssl.toString(), "req", "-x509", "-key", key.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-out", cert.toString());
        assertTrue(Files.readString(key).contains("-----BEGIN EC PRIVATE KEY-----"));
        try (TodoServer server = start(TlsSettings.with(new TlsSettings.PemFiles(cert, key)))) {
            assertEquals(200, get(client(TestCertificates.trusting(TestCertificates.read(cert))), server.url() + "/").statusCode());
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
    }

    @Test
    void curl_negotiates_http2_and_http1() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "SKIPPED: curl is not installed at /usr/bin/curl");
        TestCertificates.Made made = TestCertificates.make(dir.resolve("t"), "server", "EC", NAMES, 30);
        try (TodoServer server = start(TlsSettings.with(new TlsSettings.PemFiles(made.certificate(), made.key())))) {
            assertEquals("2", curl(made, "--http2", server.url() + "/"));
            assertEquals("1.1", curl(made, "--http1.1", server.url() + "/"));
        }
    }

    private static String curl(TestCertificates.Made made, String protocol, String url) throws Exception {
        Process curl = new ProcessBuilder("/usr/bin/curl", "-sS", protocol, "--cacert", made.certificate().toString(),
                "-o", "/dev/null", "-w", "%{http_version}", url).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, curl.exitValue(), out);
        return out;
    }

    @Test
    void each_bad_input_is_one_line_and_exit_status_2() throws Exception {
        TestCertificates.Made made = TestCertificates.make(dir.resolve("t"), "server", "EC", NAMES, 30);
        TestCertificates.Made other = TestCertificates.make(dir.resolve("o"), "other", "EC", "dns:example.org", 30);
        String db = dir.resolve("todo.db").toString();
        Path password = dir.resolve("password");
        Files.writeString(password, "not the password\n");

        assertOneLine(serve("--tls-cert", dir.resolve("missing.pem").toString(), "--tls-key", made.key().toString(), "--db", db),
                "cannot read " + dir.resolve("missing.pem") + ": no such file");
        assertOneLine(serve("--tls-cert", made.certificate().toString(), "--tls-key", other.key().toString(), "--db", db),
                "the key in " + other.key() + " does not match the certificate in " + made.certificate());
        assertOneLine(serve("--tls-keystore", made.keystore().toString(), "--tls-keystore-password-file", password.toString(), "--db", db),
                "wrong password for the keystore " + made.keystore());
        assertOneLine(serve("--tls-cert", other.certificate().toString(), "--tls-key", other.key().toString(), "--host", "localhost",
                "--port", "0", "--db", db), "does not name localhost");
        assertOneLine(serve("--tls-cert", made.key().toString(), "--tls-key", made.key().toString(), "--db", db),
                "holds no PEM certificate");
        assertOneLine(serve("--tls-cert", made.certificate().toString(), "--tls-key", made.certificate().toString(), "--db", db),
                "holds no PEM private key");
        assertFalse(Files.exists(dir.resolve("todo.db")), "nothing was opened");
    }

    @Test
    void no_keys_is_plain_http_and_refuses_the_https_only_options() {
        assertFalse(TlsSettings.OFF.enabled());
        assertFalse(TlsSettings.with(new TlsSettings.None()).enabled(), "any None, not only Keys.NONE");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TlsSettings(new TlsSettings.None(), 8080, false));
        assertTrue(e.getMessage().contains("need HTTPS"), e.getMessage());
    }

    @Test
    void an_expired_certificate_starts_with_a_warning() throws Exception {
        TestCertificates.Made expired = TestCertificates.expired(dir.resolve("x"), "expired");
        try (TodoServer server = start(TlsSettings.with(new TlsSettings.KeyStoreFile(expired.keystore(), TestCertificates.PASSWORD)))) {
            assertTrue(server.url().startsWith("https://"));
            assertTrue(TlsIdentity.load(server.settings().tls().keys()).expired());
        }
    }

    private static void assertOneLine(String err, String expected) {
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
        assertEquals(1, err.strip().lines().count(), "one line, no stack trace: " + err);
    }

    private static String serve(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(args, n -> null, System.out, stream, new CountDownLatch(1)), err.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }
}
