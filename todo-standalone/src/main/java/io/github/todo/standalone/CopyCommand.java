package io.github.todo.standalone;

import io.github.todo.core.TaskImport;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.settings.Option;
import io.github.todo.settings.Options;
import io.github.todo.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code todo copy --from A --to B}: every task, ids and id sequence kept, between SQLite and PostgreSQL. */
@Command(name = "copy", mixinStandardHelpOptions = true, versionProvider = TodoCommand.Version.class, sortOptions = false,
        description = "Copies every task from one store to another, empty one (a SQLite file or a PostgreSQL JDBC URL, either way), with their ids and the id sequence, in one transaction. Stop the servers of the source first: writes made during the copy are not in it. --db-user and the password apply to the PostgreSQL side.")
final class CopyCommand extends StoreCommand {

    @CommandLine.Option(names = "--from", required = true, paramLabel = "FILE|URL", description = "the store to copy")
    String from;

    @CommandLine.Option(names = "--to", required = true, paramLabel = "FILE|URL",
            description = "the store to fill: created if missing, and it must have no tasks")
    String to;

    @Override
    public List<Option<?>> options() {
        return List.of(Options.DB_USER, Options.DB_PASSWORD, Options.DB_PASSWORD_FILE, Options.BUSY_TIMEOUT,
                Options.SQLITE_TMPDIR, Options.CONFIG, Options.DEBUG);
    }

    @Override
    int run(Settings settings) {
        TodoConfig source = store(settings, from);
        TodoConfig target = store(settings, to);
        if (source.databaseFile() != null && !Files.isRegularFile(source.databaseFile())) {
            throw new IllegalArgumentException(from + " does not exist");
        }
        long started = System.nanoTime();
        long count;
        long sequence;
        try (TaskService in = TaskService.open(source); TaskService out = TaskService.open(target)) {
            long there = out.count();
            if (there > 0) {
                throw new IllegalArgumentException(target.location() + " already has " + there + " tasks: copy into an empty store");
            }
            try (TaskImport load = out.beginImport()) {
                in.forEach(load::add);
                sequence = in.idSequence();
                load.idSequenceAtLeast(sequence);
                count = load.commit();
            }
        }
        root.out.println("copied " + count + " tasks from " + source.location() + " to " + target.location()
                + "; new ids start after " + sequence + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
        return 0;
    }

    private TodoConfig store(Settings settings, String place) {
        return checked(() -> {
            TodoConfig.Builder builder = place.startsWith("jdbc:")
                    ? TodoConfig.builder(place).user(settings.get(Options.DB_USER))
                            .password(settings.secret(Options.DB_PASSWORD, Options.DB_PASSWORD_FILE))
                    : TodoConfig.builder(Path.of(place));
            return builder.busyTimeout(settings.get(Options.BUSY_TIMEOUT)).poolSize(2).readCacheBytes(0).build();
        });
    }
}
