package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.Synchronous;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void defaults_follow_the_article_setup() {
        ServerSettings settings = CommandLine.parse(new String[0], name -> null).serverSettings();
        assertEquals("127.0.0.1", settings.host());
        assertEquals(8000, settings.port());
        assertEquals(2, settings.ioThreads());
        assertEquals(Path.of("todo.db"), settings.store().databaseFile());
        assertEquals(Synchronous.NORMAL, settings.store().synchronous());
        assertEquals("todo", settings.api().serverName());
        assertFalse(settings.accessLog());
    }

    @Test
    void flags_win_over_environment_variables() {
        Map<String, String> env = Map.of("TODO_PORT", "9000", "TODO_POOL_SIZE", "3", "TODO_SYNCHRONOUS", "full",
                "TODO_ACCESS_LOG", "true");
        ServerSettings settings = CommandLine.parse(new String[] {"--port", "9001", "--db=/tmp/x.db", "--name", "mine",
                "--max-body", "2m", "--worker-threads", "5", "--request-timeout", "5s"}, env::get).serverSettings();
        assertEquals(9001, settings.port());
        assertEquals(3, settings.store().poolSize());
        assertEquals(Synchronous.FULL, settings.store().synchronous());
        assertEquals(Path.of("/tmp/x.db"), settings.store().databaseFile());
        assertEquals("mine", settings.api().serverName());
        assertEquals(2 * 1024 * 1024, settings.api().maxBodyBytes());
        assertEquals(5, settings.workerThreads());
        assertEquals(Duration.ofSeconds(5), settings.requestTimeout());
        assertTrue(settings.accessLog());
    }

    @Test
    void a_jdbc_url_opens_postgresql_with_credentials_from_flags_or_the_environment() {
        Map<String, String> env = Map.of("TODO_JDBC_URL", "jdbc:postgresql://db:5432/todo", "TODO_DB_USER", "todo",
                "TODO_DB_PASSWORD", "from-env");
        ServerSettings settings = CommandLine.parse(new String[] {"--db-user", "admin"}, env::get).serverSettings();
        assertEquals("jdbc:postgresql://db:5432/todo", settings.store().jdbcUrl());
        assertEquals("admin", settings.store().user());
        assertEquals("from-env", settings.store().password());
        assertEquals(8, settings.store().poolSize());
        assertEquals(null, settings.store().databaseFile());
        assertFalse(settings.toString().contains("from-env"), "the password never shows");
        assertEquals("db and jdbcUrl: give one, not both", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--db", "x.db"}, env::get).serverSettings()).getMessage());
    }

    @Test
    void mistakes_are_named() {
        assertEquals("unknown option: --colour",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--colour"}, n -> null)).getMessage());
        assertEquals("--port needs a value",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--port"}, n -> null)).getMessage());
        assertEquals("port: 'eighty' is not an integer from 0 to 65535",
                assertThrows(IllegalArgumentException.class,
                        () -> CommandLine.parse(new String[] {"--port", "eighty"}, n -> null).serverSettings()).getMessage());
        assertEquals("synchronous: 'maybe' is not normal or full",
                assertThrows(IllegalArgumentException.class,
                        () -> CommandLine.parse(new String[] {"--synchronous", "maybe"}, n -> null).serverSettings()).getMessage());
    }

    @Test
    void usage_lists_every_option() {
        String usage = CommandLine.usage();
        for (String flag : new String[] {"--port", "--host", "--db", "--io-threads", "--worker-threads", "--pool-size",
                "--synchronous", "--name", "--max-body", "--access-log", "--help", "--version", "--debug", "--log-level",
                "--jdbc-url", "--db-user", "--db-password", "--db-password-file"}) {
            assertTrue(usage.contains(flag + " ") || usage.contains(flag + "\n") || usage.contains(flag + "  "), flag);
        }
    }
}
