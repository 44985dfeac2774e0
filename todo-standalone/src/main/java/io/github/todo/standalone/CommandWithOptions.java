package io.github.todo.standalone;

import io.github.todo.settings.Option;
import java.util.List;

/** A subcommand that takes options of the settings model; {@link Main} adds them as flags. */
interface CommandWithOptions {

    /** The model's options this command takes, in the order its help lists them. */
    List<Option<?>> options();
}
