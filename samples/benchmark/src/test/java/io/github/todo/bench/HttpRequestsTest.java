package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRequestsTest {

    private final HttpRequests requests = new HttpRequests(Target.of(URI.create("http://127.0.0.1:8080/todo")));

    private String text(int length, byte[] buffer) {
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    @Test
    void requests_carry_the_context_path_the_host_and_the_seed_bodies() {
        byte[] buffer = requests.newBuffer();

        assertEquals("GET /todo/tasks/1234567890 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n",
                text(requests.read(1234567890L, buffer), buffer));
        assertEquals("DELETE /todo/tasks/0 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n",
                text(requests.delete(0, buffer), buffer));
        assertEquals("PUT /todo/tasks/7 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
                + "Content-Length: 35\r\n\r\n{\"name\":\"Updated Task\",\"done\":true}", text(requests.update(7, buffer), buffer));
        assertEquals("POST /todo/tasks HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
                + "Content-Length: 33\r\n\r\n{\"name\":\"Test Task\",\"done\":false}", new String(requests.create(), StandardCharsets.UTF_8));
        assertEquals("GET /todo/ HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", new String(requests.hello(), StandardCharsets.UTF_8));
    }

    @Test
    void the_longest_id_fits_the_buffer() {
        byte[] buffer = requests.newBuffer();

        String text = text(requests.update(Long.MAX_VALUE, buffer), buffer);

        assertEquals(true, text.startsWith("PUT /todo/tasks/" + Long.MAX_VALUE + " HTTP/1.1\r\n"));
    }
}
