package io.github.todo.standalone;

import io.github.todo.core.IncompatibleStoreException;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.settings.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code todo migrate}: brings a store's schema up to date, as the server does when it starts. */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = TodoCommand.Version.class, sortOptions = false,
        description = "Brings the store's schema up to this version's, as serve does on start (on PostgreSQL once, however many servers start together); --dry-run only says what it would do.")
final class MigrateCommand extends StoreCommand {

    @CommandLine.Option(names = "--dry-run", description = "change nothing: print the current version and what would be applied")
    boolean dryRun;

    @Override
    int run(Settings settings) {
        TodoConfig config = store(settings);
        int before = TaskService.schemaVersion(config);
        int current = TaskService.currentSchemaVersion();
        if (before > current) {
            throw new IncompatibleStoreException(config.location() + " has schema version " + before
                    + ", newer than this version of todo understands (" + current + ")");
        }
        if (before == current) {
            root.out.println(config.location() + " is up to date (schema version " + current + ")");
        } else if (dryRun) {
            root.out.println(config.location() + " is at schema version " + before + "; migrate would apply "
                    + (current - before) + " step(s) to reach " + current + " (dry run: nothing changed)");
        } else {
            TaskService.open(config).close();
            root.out.println("migrated " + config.location() + " from schema version " + before + " to " + current);
        }
        return 0;
    }
}
