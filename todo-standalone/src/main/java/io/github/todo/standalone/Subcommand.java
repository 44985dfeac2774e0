package io.github.todo.standalone;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code todo} command is handed by picocli: the root command and its own spec. */
abstract class Subcommand {

    @ParentCommand
    TodoCommand root;

    @Spec
    CommandSpec spec;
}
