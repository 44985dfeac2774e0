package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.Synchronous;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as the jar parses it, without starting anything. */
class CommandsTest {

    /** The server's settings for {@code args}, as {@code todo} (serve) reads them. */
    static ServerSettings serverSettings(String[] args, UnaryOperator<String> environment) {
        CommandLine commands = Main.commandLine(environment, System.out, System.err, new CountDownLatch(1));
        commands.parseArgs(args);
        return ServerSettings.from(CommandOptions.settings(commands.getCommandSpec(), environment));
    }

    @Test
    void defaults_follow_the_article_setup() {
        ServerSettings settings = serverSettings(new String[0], name -> null);
        assertEquals("127.0.0.1", settings.host());
        assertEquals(8000, settings.port());
        assertEquals(2, settings.ioThreads());
        assertEquals(Path.of("todo.db"), settings.store().databaseFile());
        assertEquals(8, settings.store().poolSize());
        assertEquals(Synchronous.NORMAL, settings.store().synchronous());
        assertEquals("todo", settings.api().serverName());
        assertFalse(settings.accessLog());
        assertEquals(Duration.ZERO, settings.shutdownDelay());
        assertEquals(ServerSettings.defaults(settings.store()), settings);
    }

    @Test
    void flags_win_over_environment_variables_which_win_over_the_config_file(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("todo.properties"), "port=7000\nname=from-file\nmaxBody=3m\nworkerThreads=9\n");
        Map<String, String> env = Map.of("TODO_PORT", "9000", "TODO_POOL_SIZE", "3", "TODO_SYNCHRONOUS", "full",
                "TODO_ACCESS_LOG", "true", "TODO_MAX_BODY", "2m");
        ServerSettings settings = serverSettings(new String[] {"--port", "9001", "--db=/tmp/x.db", "--config", file.toString(),
                "--worker-threads", "5", "--request-timeout", "5s", "--shutdown-delay", "2s"}, env::get);
        assertEquals(9001, settings.port());
        assertEquals(3, settings.store().poolSize());
        assertEquals(Synchronous.FULL, settings.store().synchronous());
        assertEquals(Path.of("/tmp/x.db"), settings.store().databaseFile());
        assertEquals("from-file", settings.api().serverName());
        assertEquals(2 * 1024 * 1024, settings.api().maxBodyBytes());
        assertEquals(5, settings.workerThreads());
        assertEquals(Duration.ofSeconds(5), settings.requestTimeout());
        assertEquals(Duration.ofSeconds(2), settings.shutdownDelay());
        assertTrue(settings.accessLog());
        assertEquals(9, serverSettings(new String[] {"--config", file.toString()}, n -> null).workerThreads());
    }

    @Test
    void a_jdbc_url_opens_postgresql_with_credentials_from_flags_or_the_environment() {
        Map<String, String> env = Map.of("TODO_JDBC_URL", "jdbc:postgresql://db:5432/todo", "TODO_DB_USER", "todo",
                "TODO_DB_PASSWORD", "from-env");
        ServerSettings settings = serverSettings(new String[] {"--db-user", "admin"}, env::get);
        assertEquals("jdbc:postgresql://db:5432/todo", settings.store().jdbcUrl());
        assertEquals("admin", settings.store().user());
        assertEquals("from-env", settings.store().password());
        assertEquals(null, settings.store().databaseFile());
        assertFalse(settings.toString().contains("from-env"), "the password never shows");
        assertEquals("db and jdbcUrl: give one, not both", assertThrows(IllegalArgumentException.class,
                () -> serverSettings(new String[] {"--db", "x.db"}, env::get)).getMessage());
    }

    @Test
    void mistakes_exit_2_naming_them_and_suggesting_the_option_meant() {
        assertEquals("todo: Unknown option: '--prot=9000'\nDid you mean: --port?", run(2, "--prot=9000").lines().limit(2)
                .reduce((a, b) -> a + "\n" + b).orElse(""));
        assertTrue(run(2, "bakup").contains("Did you mean: todo backup?"));
        assertTrue(run(2, "--port").startsWith("todo: Missing required parameter for option '--port'"));
        assertTrue(run(2, "--port", "eighty").startsWith("todo: port: 'eighty' is not an integer from 0 to 65535"));
        assertTrue(run(2, "--synchronous", "maybe").startsWith("todo: synchronous: 'maybe' is not normal or full"));
        assertTrue(run(2, "backup").startsWith("todo: Missing required option: '--to=FILE'"));
    }

    @Test
    void usage_lists_every_option_and_command() {
        String usage = Main.commandLine(n -> null, System.out, System.err, new CountDownLatch(1)).getUsageMessage();
        for (String flag : new String[] {"--port", "--host", "--db", "--io-threads", "--worker-threads", "--pool-size",
                "--synchronous", "--name", "--max-body", "--access-log", "--help", "--version", "--debug", "--log-level",
                "--jdbc-url", "--db-user", "--db-password", "--db-password-file", "--config", "--shutdown-delay",
                "--sqlite-tmpdir", "serve", "backup", "export", "import", "copy", "migrate", "schema-version", "completion"}) {
            assertTrue(usage.contains(flag), flag);
        }
    }

    private static String run(int expected, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(expected, Main.run(args, n -> null, System.out, stream, new CountDownLatch(1)));
        return err.toString(StandardCharsets.UTF_8);
    }
}
