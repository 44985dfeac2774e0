package io.github.todo.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskPatch;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.http.TestCertificates;
import io.github.todo.standalone.ServerSettings;
import io.github.todo.standalone.TlsSettings;
import io.github.todo.standalone.TodoServer;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over HTTPS, trusting a self-signed certificate made at run time. */
class HttpsClientTest {

    @TempDir
    Path dir;

    @Test
    void the_client_works_over_https_when_it_trusts_the_certificate() throws Exception {
        TestCertificates.Made made = TestCertificates.make(dir.resolve("tls"), "server", "EC", "dns:localhost,ip:127.0.0.1", 30);
        ServerSettings settings = ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db"))).withPort(0)
                .withTls(TlsSettings.with(new TlsSettings.PemFiles(made.certificate(), made.key())));
        try (TodoServer server = TodoServer.start(settings)) {
            assertTrue(server.url().startsWith("https://127.0.0.1:"));
            try (TaskService tasks = TodoClient.builder(URI.create(server.url())).trustCertificates(made.certificate()).build()) {
                Task task = tasks.create(TaskDraft.of("over TLS"));
                assertEquals(new Task(task.id(), "over TLS", true, 2),
                        tasks.patch(task.id(), new TaskPatch(null, true), ExpectedVersion.of(task.version())));
                assertEquals(1, tasks.count());
            }
            try (TaskService untrusting = TodoClient.builder(URI.create(server.url())).build()) {
                StoreException refused = assertThrows(StoreException.class, untrusting::count);
                assertTrue(refused.getMessage() != null, "a certificate nobody vouches for is refused");
            }
        }
        IllegalArgumentException notPem = assertThrows(IllegalArgumentException.class,
                () -> TodoClient.builder(URI.create("https://127.0.0.1:1")).trustCertificates(made.key()));
        assertTrue(notPem.getMessage().contains(made.key().toString()), notPem.getMessage());
    }
}
