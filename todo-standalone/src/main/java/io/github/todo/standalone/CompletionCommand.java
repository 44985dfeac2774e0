package io.github.todo.standalone;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code todo completion}: picocli's completion script, which bash and zsh (through bashcompinit) both run. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = TodoCommand.Version.class,
        description = "Prints a completion script for bash and zsh: source <(todo completion) (zsh: autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit first).")
final class CompletionCommand implements Callable<Integer> {

    @ParentCommand
    TodoCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        root.out.print(AutoComplete.bash("todo", spec.root().commandLine()));
        root.out.flush();
        return 0;
    }
}
