package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a configuration accepts and what it shows; none of this needs a database server. */
class TodoConfigTest {

    static final String URL = "jdbc:postgresql://db.example.com:5432/todo?sslmode=require&password=hunter2&ssl=true";

    @Test
    void a_postgresql_configuration_never_shows_its_password() {
        TodoConfig config = TodoConfig.builder(URL).user("todo").password("s3cret").build();
        assertEquals("jdbc:postgresql://db.example.com:5432/todo?sslmode=require&password=****&ssl=true", config.location());
        assertFalse(config.toString().contains("hunter2"), config.toString());
        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertEquals("s3cret", config.password());
        assertEquals(config, config.toBuilder().build());
    }

    @Test
    void location_names_a_file_by_its_absolute_path() {
        assertEquals(Path.of("todo.db").toAbsolutePath().toString(), TodoConfig.of(Path.of("todo.db")).location());
    }

    @Test
    void mistakes_are_named_without_echoing_the_url() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TodoConfig.builder("jdbc:mysql://db/todo?password=hunter2").build());
        assertEquals("jdbcUrl must start with jdbc:postgresql: (a SQLite database is a file: use builder(Path))", e.getMessage());
        assertEquals("user and password apply only to a jdbcUrl",
                assertThrows(IllegalArgumentException.class, () -> TodoConfig.builder(Path.of("x.db")).user("me").build()).getMessage());
    }

    @Test
    void an_unreachable_postgresql_fails_to_open_with_a_short_safe_message() {
        // Port 1 on the loopback refuses at once: this needs no server, only the driver.
        TodoConfig config = TodoConfig.builder("jdbc:postgresql://127.0.0.1:1/todo?password=hunter2&connectTimeout=2").build();
        StoreException e = assertThrows(StoreException.class, () -> TaskService.open(config));
        assertEquals("cannot open jdbc:postgresql://127.0.0.1:1/todo?password=****&connectTimeout=2: cannot reach the database",
                e.getMessage());
    }
}
