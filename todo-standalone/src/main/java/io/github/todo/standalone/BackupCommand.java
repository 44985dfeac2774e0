package io.github.todo.standalone;

import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.settings.Settings;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code todo backup --to FILE}: a consistent, checked copy of a SQLite store, also while a server writes to it. */
@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = TodoCommand.Version.class, sortOptions = false,
        description = "Writes a consistent copy of a SQLite store to a new file, also while a server is writing to it, and checks it with PRAGMA integrity_check. PostgreSQL: use pg_dump.")
final class BackupCommand extends StoreCommand {

    @CommandLine.Option(names = "--to", required = true, paramLabel = "FILE", description = "the new file; it must not exist")
    Path to;

    @Override
    int run(Settings settings) {
        TodoConfig config = store(settings);
        if (config.jdbcUrl() != null) {
            throw new UnsupportedOperationException("backup copies SQLite stores only; back up PostgreSQL with pg_dump");
        }
        long started = System.nanoTime();
        try (TaskService tasks = TaskService.open(config)) {
            tasks.backup(to);
        }
        root.out.println("backed up " + config.location() + " to " + to.toAbsolutePath() + " (integrity check ok) in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        return 0;
    }
}
