package io.github.todo.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.Synchronous;
import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void metrics_are_off_unless_the_key_says_true() {
        assertFalse(Settings.from(key -> null).api().metrics());
        assertTrue(Settings.from(Map.of("metrics", "TRUE")::get).api().metrics());
        assertFalse(Settings.from(Map.of("metrics", "false")::get).api().metrics());
        assertEquals("metrics: 'yes' is not true or false",
                assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("metrics", "yes")::get).api()).getMessage());
        assertEquals("TODO_METRICS", Options.METRICS.environmentVariable());
    }

    @Test
    void names_derive_from_the_key_in_one_way() {
        assertEquals("todo.poolSize", Options.POOL_SIZE.systemProperty());
        assertEquals("TODO_POOL_SIZE", Options.POOL_SIZE.environmentVariable());
        assertEquals("--pool-size", Options.POOL_SIZE.flag());
        assertEquals("TODO_DB", Options.DB.environmentVariable());
        assertEquals("--max-body", Options.MAX_BODY.flag());
        assertEquals("TODO_JDBC_URL", Options.JDBC_URL.environmentVariable());
        assertEquals("TODO_DB_PASSWORD_FILE", Options.DB_PASSWORD_FILE.environmentVariable());
        assertEquals("--db-user", Options.DB_USER.flag());
        assertEquals("todo.jdbcUrl", Options.JDBC_URL.systemProperty());
        assertEquals("--sqlite-tmpdir", Options.SQLITE_TMPDIR.flag());
        assertEquals("TODO_SHUTDOWN_DELAY", Options.SHUTDOWN_DELAY.environmentVariable());
        assertEquals(3, Settings.from(Settings.parameters(Map.of("todo.poolSize", "3")::get)).get(Options.POOL_SIZE));
    }

    @Test
    void the_database_is_a_postgresql_url_with_credentials_or_a_file(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("password"), " spaces kept \n");
        TodoConfig postgres = Settings.from(Map.of("jdbcUrl", "jdbc:postgresql://db:5432/todo", "dbUser", "todo",
                "dbPasswordFile", secret.toString())::get).store(() -> Path.of("unused.db")).build();
        assertEquals("jdbc:postgresql://db:5432/todo", postgres.jdbcUrl());
        assertEquals("todo", postgres.user());
        assertEquals(" spaces kept ", postgres.password());
        assertEquals("pw", Settings.from(Map.of("jdbcUrl", "jdbc:postgresql://db/todo", "dbPassword", "pw")::get)
                .store(() -> null).build().password());
        assertEquals(Path.of("x.db"), Settings.from(Map.of("db", "x.db")::get).store(() -> null).build().databaseFile());
        assertEquals(Path.of("default.db"), Settings.from(key -> null).store(() -> Path.of("default.db")).build().databaseFile());
    }

    @Test
    void database_mistakes_are_named_and_never_show_the_secret() {
        assertEquals("db and jdbcUrl: give one, not both", assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("db", "x.db", "jdbcUrl", "jdbc:postgresql://db/todo")::get).store(() -> null)).getMessage());
        assertEquals("dbUser and dbPassword need jdbcUrl", assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("dbPassword", "hunter2")::get).store(() -> null)).getMessage());
        assertEquals("dbPassword and dbPasswordFile: give one, not both", assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("jdbcUrl", "jdbc:postgresql://db/todo", "dbPassword", "hunter2",
                        "dbPasswordFile", "/nowhere")::get).store(() -> null)).getMessage());
        assertEquals("dbPasswordFile: cannot read /nowhere/password", assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("jdbcUrl", "jdbc:postgresql://db/todo", "dbPasswordFile", "/nowhere/password")::get)
                        .store(() -> null)).getMessage());
        assertEquals("jdbcUrl must start with jdbc:postgresql: (a SQLite database is a file: use builder(Path))",
                assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("jdbcUrl", "jdbc:mysql://db/x?password=hunter2")::get)
                        .store(() -> null).build()).getMessage());
    }

    @Test
    void store_and_api_settings_are_read_and_defaults_kept() {
        Settings settings = Settings.from(Map.of("poolSize", "8", "busyTimeout", "2s", "synchronous", "FULL",
                "maxNameLength", "50", "name", "todo-test", "maxBody", "512k", "readCacheMemory", "0")::get);
        TodoConfig config = settings.applyTo(TodoConfig.builder(Path.of("x.db"))).build();
        assertEquals(0, config.readCacheBytes());
        assertEquals(8L << 20, Settings.from(Map.of("readCacheMemory", "8m")::get)
                .applyTo(TodoConfig.builder(Path.of("x.db"))).build().readCacheBytes());
        assertEquals("readCacheSize (a count of tasks) is replaced by readCacheMemory, a size in bytes such as 16m (0 for none)",
                assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("readCacheSize", "1000")::get)
                        .applyTo(TodoConfig.builder(Path.of("x.db")))).getMessage());
        assertEquals("readCacheMemory: '-1' is not a size such as 1048576, 512k or 1m",
                assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("readCacheMemory", "-1")::get)
                        .applyTo(TodoConfig.builder(Path.of("x.db")))).getMessage());
        assertEquals(8, config.poolSize());
        assertEquals(Duration.ofSeconds(2), config.busyTimeout());
        assertEquals(Synchronous.FULL, config.synchronous());
        assertEquals(50, config.maxNameLength());
        assertEquals(new ApiSettings("todo-test", 512 * 1024, null, java.util.List.of()), settings.api());
        assertEquals(TodoConfig.builder(Path.of("x.db")).poolSize(8).build(),
                Settings.from(key -> null).applyTo(TodoConfig.builder(Path.of("x.db"))).build());
        assertEquals(ApiSettings.defaults(), Settings.from(key -> null).api());
    }

    @Test
    void durations_and_sizes_take_units() {
        Settings settings = Settings.from(Map.of("busyTimeout", "1500", "idleTimeout", "250ms", "shutdownTimeout", "2m",
                "maxBody", "1m", "maxHeaderSize", "4096")::get);
        assertEquals(Duration.ofMillis(1500), settings.get(Options.BUSY_TIMEOUT));
        assertEquals(Duration.ofMillis(250), settings.get(Options.IDLE_TIMEOUT));
        assertEquals(Duration.ofMinutes(2), settings.get(Options.SHUTDOWN_TIMEOUT));
        assertEquals(1024 * 1024, settings.get(Options.MAX_BODY));
        assertEquals(4096, settings.get(Options.MAX_HEADER_SIZE));
    }

    @Test
    void bad_values_name_the_setting_and_what_it_takes() {
        Settings settings = Settings.from(Map.of("poolSize", "many", "synchronous", "sometimes", "busyTimeout", "-1",
                "maxBody", "0", "name", "two words", "idleTimeout", "0")::get);
        assertEquals("poolSize: 'many' is not an integer from 1 to 1024",
                assertThrows(IllegalArgumentException.class, () -> settings.applyTo(TodoConfig.builder(Path.of("x")))).getMessage());
        assertEquals("synchronous: 'sometimes' is not normal or full",
                assertThrows(IllegalArgumentException.class, () -> settings.get(Options.SYNCHRONOUS)).getMessage());
        assertEquals("busyTimeout: '-1' is not a duration such as 5000, 5000ms, 5s or 1m",
                assertThrows(IllegalArgumentException.class, () -> settings.get(Options.BUSY_TIMEOUT)).getMessage());
        assertEquals("idleTimeout: '0' is not a positive duration such as 5000, 5000ms, 5s or 1m",
                assertThrows(IllegalArgumentException.class, () -> settings.get(Options.IDLE_TIMEOUT)).getMessage());
        assertEquals("maxBody: '0' is not a positive size such as 1048576, 512k or 1m",
                assertThrows(IllegalArgumentException.class, () -> settings.get(Options.MAX_BODY)).getMessage());
        assertEquals("name: 'two words' is not one printable ASCII token without spaces",
                assertThrows(IllegalArgumentException.class, settings::api).getMessage());
    }

    @Test
    void the_first_source_wins_then_the_config_file_then_the_default(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("todo.properties"), "port=7000\npoolSize=3\nname=from-file\n");
        Map<String, String> flags = Map.of("port", "9001");
        Map<String, String> env = Map.of("TODO_PORT", "9000", "TODO_POOL_SIZE", "5", "TODO_CONFIG", file.toString());
        Settings settings = Settings.from(flags::get, Settings.environment(env::get));
        assertEquals(9001, settings.get(Options.PORT));
        assertEquals(5, settings.get(Options.POOL_SIZE));
        assertEquals("from-file", settings.get(Options.NAME));
        assertEquals(32, settings.get(Options.WORKER_THREADS));

        Path typo = Files.writeString(dir.resolve("typo.properties"), "prot=7000\n");
        assertEquals("config: " + typo + " sets 'prot', which is no setting", assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("config", typo.toString())::get)).getMessage());
        assertEquals("config: cannot read " + dir.resolve("none"), assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("config", dir.resolve("none").toString())::get)).getMessage().replaceAll(" \\(.*", ""));
    }

    @Test
    void every_option_has_help_and_a_unique_key() {
        assertEquals(Options.ALL.size(), Options.ALL.stream().map(Option::key).distinct().count());
        for (Option<?> option : Options.ALL) {
            assertFalse(option.help().isBlank(), option.key());
        }
    }

    @Test
    void every_declared_or_listed_option_is_in_all() throws Exception {
        // an option missing from ALL would show in a command's help while its flag is never read
        for (Field field : Options.class.getFields()) {
            if (field.getType() == Option.class) {
                assertTrue(Options.ALL.contains(field.get(null)), field.getName() + " is not in Options.ALL");
            }
        }
        for (List<Option<?>> list : List.of(Options.STORE_OPTIONS, Options.API_OPTIONS, Options.SERVER_OPTIONS)) {
            assertTrue(Options.ALL.containsAll(list), list + " is not all in Options.ALL");
        }
    }
}
