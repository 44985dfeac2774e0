package io.github.todo.standalone;

import io.github.todo.core.TodoConfig;
import io.github.todo.settings.Option;
import io.github.todo.settings.Options;
import io.github.todo.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command that works on a store named like the server's ({@code --db}, {@code --jdbc-url}, ...,
 * or their environment variables or config file). It logs warnings only: its output is its answer.
 */
abstract class StoreCommand extends Subcommand implements Callable<Integer>, CommandWithOptions {

    @Override
    public List<Option<?>> options() {
        List<Option<?>> all = new ArrayList<>(Options.STORE_OPTIONS);
        all.addAll(List.of(Options.CONFIG, Options.DEBUG));
        return all;
    }

    @Override
    public final Integer call() throws Exception {
        Settings settings = CommandOptions.settings(spec, root.environment);
        ServeCommand.configureLogging("warn");
        checked(() -> {
            settings.applySqliteTmpdir(); // before the SQLite driver loads
            return null;
        });
        return run(settings);
    }

    /** Does the work; returns the exit code. Exceptions end the command with exit code 1 and their message. */
    abstract int run(Settings settings) throws Exception;

    /** The store the settings name, {@code todo.db} by default. */
    TodoConfig store(Settings settings) {
        return checked(() -> settings.store(() -> Path.of("todo.db")).build());
    }

    /** Runs {@code read}, turning a setting's bad value into a command-line error (exit code 2). */
    <T> T checked(Callable<T> read) {
        try {
            return read.call();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
