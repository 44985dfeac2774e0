package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiContractTest;
import io.github.todo.http.HttpProbe;
import io.github.todo.http.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * The contract over HTTPS, with a certificate made at run time: once with HTTP/1.1 and once with
 * HTTP/2, which the server negotiates by ALPN ({@link HttpsHttp1Test}, {@link HttpsHttp2Test}).
 */
abstract class HttpsContract extends ApiContractTest {

    private TodoServer server;
    private SSLContext trust;

    abstract HttpClient.Version version();

    @Override
    protected URI start(Path dir) throws Exception {
        TestCertificates.Made made = TestCertificates.make(dir.resolve("tls"), "server", "EC", "dns:localhost,ip:127.0.0.1", 30);
        trust = TestCertificates.trusting(made.x509());
        server = TodoServer.start(ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db"))).withPort(0)
                .withTls(TlsSettings.with(new TlsSettings.PemFiles(made.certificate(), made.key()))));
        return URI.create(server.url());
    }

    @Override
    protected HttpProbe probe(URI base) {
        return new HttpProbe(base, trust, version());
    }

    @Override
    protected void stop() {
        server.close();
    }

    @Test
    void the_protocol_asked_for_is_the_one_spoken() {
        assertEquals(version(), http.get("/").version());
        assertEquals("https", http.base().getScheme());
    }
}
