package io.github.todo.standalone;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code todo}: without a command it serves, so {@code todo --port 9000} is {@code todo serve
 * --port 9000}. Holds what every command shares: the environment and the output streams.
 */
@Command(name = "todo", mixinStandardHelpOptions = true, versionProvider = TodoCommand.Version.class, sortOptions = false,
        description = "Serves the todo API over HTTP, storing tasks in a SQLite file or in PostgreSQL, and manages its stores. Without a command, serves: the options below are serve's.",
        footer = {"", "Every option can also be set by an environment variable (--pool-size as TODO_POOL_SIZE) or in the "
            + "--config file (poolSize=8); a flag wins over a variable, a variable over the file, the file over the default.",
            "", "Exit codes: 0 done, 1 cannot start or failed, 2 bad command line."},
        subcommands = {ServeCommand.class, BackupCommand.class, ExportCommand.class, ImportCommand.class, CopyCommand.class,
            MigrateCommand.class, SchemaVersionCommand.class, CompletionCommand.class})
final class TodoCommand implements Callable<Integer> {

    final UnaryOperator<String> environment;
    final PrintStream out;
    final PrintStream err;
    final CountDownLatch stopped;

    @Spec
    CommandSpec spec;

    TodoCommand(UnaryOperator<String> environment, PrintStream out, PrintStream err, CountDownLatch stopped) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.stopped = stopped;
    }

    @Override
    public Integer call() {
        return ServeCommand.serve(spec, this);
    }

    /** {@code todo --version}: the jar's Implementation-Version. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"todo " + Main.version()};
        }
    }
}
