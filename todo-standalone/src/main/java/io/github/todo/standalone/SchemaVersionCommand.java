package io.github.todo.standalone;

import io.github.todo.core.TaskService;
import io.github.todo.settings.Settings;
import picocli.CommandLine.Command;

/** {@code todo schema-version}: the store's schema version, read without changing anything. */
@Command(name = "schema-version", mixinStandardHelpOptions = true, versionProvider = TodoCommand.Version.class,
        sortOptions = false, description = "Prints the store's schema version (0: no database yet) and this version's, e.g. \"1 (current: 1)\"; changes and creates nothing.")
final class SchemaVersionCommand extends StoreCommand {

    @Override
    int run(Settings settings) {
        root.out.println(TaskService.schemaVersion(store(settings)) + " (current: " + TaskService.currentSchemaVersion() + ")");
        return 0;
    }
}
