package io.github.todo.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flags of one command: {@code --name value}, {@code --name=value} and bare switches, plus
 * positional arguments where the command takes them. Anything else is a {@link UsageException}.
 */
final class Flags {

    private final Map<String, String> values;
    private final List<String> positional;

    private Flags(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    /**
     * @param valued     flags that take a value, e.g. {@code --url}
     * @param switches   flags without a value, e.g. {@code --progress}
     * @param positional whether arguments that are not flags are allowed
     */
    static Flags parse(List<String> args, Set<String> valued, Set<String> switches, boolean positional)
            throws UsageException {
        Map<String, String> values = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                if (!positional) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                rest.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (switches.contains(name) && equals < 0) {
                values.put(name, "true");
            } else if (valued.contains(name)) {
                if (equals >= 0) {
                    values.put(name, arg.substring(equals + 1));
                } else if (i + 1 < args.size()) {
                    values.put(name, args.get(++i));
                } else {
                    throw new UsageException(name + " needs a value");
                }
            } else {
                throw new UsageException("unknown flag " + name);
            }
        }
        return new Flags(values, List.copyOf(rest));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A whole number of at least {@code min}. */
    int integer(String name, int fallback, int min) throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min) {
                throw new UsageException(name + " cannot be less than " + min + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got '" + text + "'");
        }
    }

    /** Seconds, fractions allowed, of at least {@code min}. */
    double seconds(String name, double fallback, double min) throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        String number = text.strip();
        if (number.endsWith("s")) {
            number = number.substring(0, number.length() - 1); // "10s" reads like wrk's -d10s
        }
        try {
            double value = Double.parseDouble(number);
            if (!(value >= min) || Double.isInfinite(value)) {
                throw new UsageException(name + " cannot be less than " + min + " s, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number of seconds, got '" + text + "'");
        }
    }

    List<String> positional() {
        return positional;
    }
}
