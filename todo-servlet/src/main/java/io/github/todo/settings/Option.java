package io.github.todo.settings;

import java.util.Locale;
import java.util.Objects;

/**
 * One setting, declared once in {@link Options}: its key ({@code poolSize}) and, derived from it
 * here, its flag ({@code --pool-size}), environment variable ({@code TODO_POOL_SIZE}) and system
 * property or servlet parameter ({@code todo.poolSize}); how a value is read; its default; and the
 * help the command line prints.
 *
 * @param <T> the type of its value
 */
public final class Option<T> {

    private final String key;
    private final String label;
    private final Values.Parser<T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final String help;

    Option(String key, String label, Values.Parser<T> parser, T defaultValue, String defaultText, String help) {
        this.key = Objects.requireNonNull(key, "key");
        this.label = label;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.help = Objects.requireNonNull(help, "help");
    }

    /** The key: {@code poolSize}; also the key in a {@code --config} properties file. */
    public String key() {
        return key;
    }

    /** {@code --pool-size}. */
    public String flag() {
        return "--" + words("-");
    }

    /** {@code TODO_POOL_SIZE}. */
    public String environmentVariable() {
        return "TODO_" + words("_").toUpperCase(Locale.ROOT);
    }

    /** {@code todo.poolSize}: the system property, and the WAR's init-param and context-param. */
    public String systemProperty() {
        return "todo." + key;
    }

    /** What a value looks like in the help ({@code N}, {@code TIME}, {@code FILE}); {@code null} for a switch. */
    public String label() {
        return label;
    }

    /** Whether the flag takes no value: given, it means {@code true}. */
    public boolean isSwitch() {
        return label == null;
    }

    /** The value when no source sets one; {@code null} for none. */
    public T defaultValue() {
        return defaultValue;
    }

    /** One line of help, without the default. */
    public String help() {
        return help;
    }

    /** The help line with its default, for {@code --help} and the man page. */
    public String description() {
        return defaultText == null ? help : help + " (default: " + defaultText + ")";
    }

    /**
     * Reads {@code value} (trimmed, not blank).
     *
     * @throws IllegalArgumentException naming this option and what it takes
     */
    public T parse(String value) {
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not " + parser.expected(), e);
        }
    }

    @Override
    public String toString() {
        return key;
    }

    private String words(String separator) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1" + separator + "$2").toLowerCase(Locale.ROOT);
    }
}
