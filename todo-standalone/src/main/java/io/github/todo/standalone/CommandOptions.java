package io.github.todo.standalone;

import io.github.todo.settings.Option;
import io.github.todo.settings.Options;
import io.github.todo.settings.Settings;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The bridge from the settings model to picocli: each {@link Option} becomes a flag of the
 * commands that take it, with its help and default from the model, and what was given on the
 * command line becomes the first source of {@link Settings}. Values are read by the model, not by
 * picocli, so a flag, an environment variable and a line of a config file are read alike.
 */
final class CommandOptions {

    private CommandOptions() {
        // Prevent instantiation
    }

    /** Adds {@code options} to {@code spec}, in the order given. */
    static void add(CommandSpec spec, List<Option<?>> options) {
        for (Option<?> option : options) {
            OptionSpec.Builder flag = OptionSpec.builder(option.flag()).description(option.description());
            if (option.isSwitch()) {
                flag.arity("0").type(boolean.class);
            } else {
                flag.paramLabel(option.label()).type(String.class);
            }
            spec.addOption(flag.build());
        }
    }

    /**
     * The settings of the command {@code spec} parsed: its flags, then {@code environment}'s
     * {@code TODO_*} variables, then the {@code --config} file, then the defaults.
     *
     * @throws ParameterException (exit 2) when the config file cannot be read
     */
    static Settings settings(CommandSpec spec, UnaryOperator<String> environment) {
        ParseResult parsed = spec.commandLine().getParseResult();
        UnaryOperator<String> flags = key -> {
            Option<?> option = Options.named(key);
            OptionSpec given = option == null ? null : parsed.matchedOption(option.flag());
            return given == null ? null : String.valueOf((Object) given.getValue());
        };
        try {
            return Settings.from(flags, Settings.environment(environment));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
