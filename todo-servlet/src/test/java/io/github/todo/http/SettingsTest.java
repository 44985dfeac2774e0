package io.github.todo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.Synchronous;
import io.github.todo.core.TodoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assertEquals("TODO_METRICS", Settings.environmentVariable(Settings.METRICS));
    }

    @Test
    void names_derive_from_the_key_in_one_way() {
        assertEquals("todo.poolSize", Settings.systemProperty("poolSize"));
        assertEquals("TODO_POOL_SIZE", Settings.environmentVariable("poolSize"));
        assertEquals("--pool-size", Settings.flag("poolSize"));
        assertEquals("TODO_DB", Settings.environmentVariable("db"));
        assertEquals("--max-body", Settings.flag("maxBody"));
        assertEquals("TODO_JDBC_URL", Settings.environmentVariable(Settings.JDBC_URL));
        assertEquals("TODO_DB_PASSWORD_FILE", Settings.environmentVariable(Settings.DB_PASSWORD_FILE));
        assertEquals("--db-user", Settings.flag(Settings.DB_USER));
        assertEquals("todo.jdbcUrl", Settings.systemProperty(Settings.JDBC_URL));
    }

    @Test
    void the_database_is_a_postgresql_url_with_credentials_or_a_file(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("password"), " spaces kept \n");
        TodoConfig postgres = Settings.from(Map.of("jdbcUrl", "jdbc:postgresql://db:5432/todo", "dbUser", "todo",
                "dbPasswordFile", secret.toString())::get).database(() -> Path.of("unused.db")).build();
        assertEquals("jdbc:postgresql://db:5432/todo", postgres.jdbcUrl());
        assertEquals("todo", postgres.user());
        assertEquals(" spaces kept ", postgres.password());
        assertEquals("pw", Settings.from(Map.of("jdbcUrl", "jdbc:postgresql://db/todo", "dbPassword", "pw")::get)
                .database(() -> null).build().password());
        assertEquals(Path.of("x.db"), Settings.from(Map.of("db", "x.db")::get).database(() -> null).build().databaseFile());
        assertEquals(Path.of("default.db"), Settings.from(key -> null).database(() -> Path.of("default.db")).build().databaseFile());
    }

    @Test
    void database_mistakes_are_named_and_never_show_the_secret() {
        assertEquals("db and jdbcUrl: give one, not both", assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("db", "x.db", "jdbcUrl", "jdbc:postgresql://db/todo")::get).database(() -> null)).getMessage());
        assertEquals("dbUser and dbPassword need jdbcUrl", assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("dbPassword", "hunter2")::get).database(() -> null)).getMessage());
        assertEquals("dbPassword and dbPasswordFile: give one, not both", assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("jdbcUrl", "jdbc:postgresql://db/todo", "dbPassword", "hunter2",
                        "dbPasswordFile", "/nowhere")::get).database(() -> null)).getMessage());
        assertEquals("dbPasswordFile: cannot read /nowhere/password", assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("jdbcUrl", "jdbc:postgresql://db/todo", "dbPasswordFile", "/nowhere/password")::get)
                        .database(() -> null)).getMessage());
        assertEquals("jdbcUrl must start with jdbc:postgresql: (a SQLite database is a file: use builder(Path))",
                assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("jdbcUrl", "jdbc:mysql://db/x?password=hunter2")::get)
                        .database(() -> null).build()).getMessage());
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
        assertEquals(TodoConfig.of(Path.of("x.db")), Settings.from(key -> null).applyTo(TodoConfig.builder(Path.of("x.db"))).build());
        assertEquals(ApiSettings.defaults(), Settings.from(key -> null).api());
    }

    @Test
    void durations_and_sizes_take_units() {
        Settings settings = Settings.from(Map.of("a", "1500", "b", "250ms", "c", "2m", "d", "1m", "e", "4096")::get);
        assertEquals(Duration.ofMillis(1500), settings.duration("a", null));
        assertEquals(Duration.ofMillis(250), settings.duration("b", null));
        assertEquals(Duration.ofMinutes(2), settings.duration("c", null));
        assertEquals(1024 * 1024, settings.bytes("d", 0));
        assertEquals(4096, settings.bytes("e", 0));
    }

    @Test
    void bad_values_name_the_setting_and_what_it_takes() {
        Settings settings = Settings.from(Map.of("poolSize", "many", "synchronous", "sometimes", "busyTimeout", "-1",
                "maxBody", "0", "name", "two words")::get);
        assertEquals("poolSize: 'many' is not an integer from 1 to 1024",
                assertThrows(IllegalArgumentException.class, () -> settings.applyTo(TodoConfig.builder(Path.of("x")))).getMessage());
        assertEquals("synchronous: 'sometimes' is not normal or full",
                assertThrows(IllegalArgumentException.class, () -> settings.choice("synchronous", Synchronous.class, null)).getMessage());
        assertEquals("busyTimeout: '-1' is not a duration such as 5000, 5000ms, 5s or 1m",
                assertThrows(IllegalArgumentException.class, () -> settings.duration("busyTimeout", null)).getMessage());
        assertEquals("maxBody: '0' is not a positive size such as 1048576, 512k or 1m",
                assertThrows(IllegalArgumentException.class, () -> settings.bytes("maxBody", 1)).getMessage());
        assertEquals("name: 'two words' is not one printable ASCII token without spaces",
                assertThrows(IllegalArgumentException.class, settings::api).getMessage());
    }
}
