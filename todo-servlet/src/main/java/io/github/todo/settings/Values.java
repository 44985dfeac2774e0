package io.github.todo.settings;

import io.github.todo.http.ApiSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/** How option values are read; each parser says what it expects, for the error message. */
final class Values {

    private Values() {
        // Prevent instantiation
    }

    /** Reads one value; throws {@link IllegalArgumentException} when it cannot. */
    interface Parser<T> {
        T parse(String value);

        /** What a good value looks like, completing "is not ...". */
        String expected();
    }

    static <T> Parser<T> of(String expected, Function<String, T> parse) {
        return new Parser<>() {
            @Override
            public T parse(String value) {
                try {
                    return parse.apply(value);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(e);
                }
            }

            @Override
            public String expected() {
                return expected;
            }
        };
    }

    static Parser<String> text() {
        return of("text", value -> value);
    }

    static Parser<Path> path() {
        return of("a path", Path::of);
    }

    static Parser<Integer> integer(int min, int max) {
        return of("an integer from " + min + " to " + max, value -> check(Integer.parseInt(value), min, max));
    }

    static Parser<Boolean> bool() {
        return of("true or false", value -> {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException();
            }
            return Boolean.parseBoolean(value);
        });
    }

    /** Milliseconds, or a number with {@code ms}, {@code s} or {@code m}; at least {@code min}. */
    static Parser<Duration> duration(Duration min) {
        String expected = (min.isZero() ? "" : "a positive ") + "duration such as 5000, 5000ms, 5s or 1m";
        return of(min.isZero() ? "a " + expected : expected, value -> {
            String lower = value.toLowerCase(Locale.ROOT);
            Duration duration;
            if (lower.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseUnsignedLong(lower.substring(0, lower.length() - 2)));
            } else if (lower.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseUnsignedLong(lower.substring(0, lower.length() - 1)));
            } else if (lower.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseUnsignedLong(lower.substring(0, lower.length() - 1)));
            } else {
                duration = Duration.ofMillis(Long.parseUnsignedLong(lower));
            }
            if (duration.compareTo(min) < 0) {
                throw new IllegalArgumentException();
            }
            return duration;
        });
    }

    /** Bytes, or with {@code k} or {@code m} (binary units); at least {@code min}. */
    static Parser<Long> bytes(long min) {
        return of((min > 0 ? "a positive size" : "a size") + " such as 1048576, 512k or 1m", value -> {
            String lower = value.toLowerCase(Locale.ROOT);
            long unit = lower.endsWith("k") ? 1024 : lower.endsWith("m") ? 1024 * 1024 : 1;
            String digits = unit == 1 ? lower : lower.substring(0, lower.length() - 1);
            return check(Math.multiplyExact(Long.parseUnsignedLong(digits), unit), min, Long.MAX_VALUE);
        });
    }

    /** One of {@code type}'s constants, named in any case. */
    static <E extends Enum<E>> Parser<E> choice(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : " or ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        return of(names.toString(), value -> Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
    }

    /** One printable ASCII word: names and tokens. */
    static Parser<String> token() {
        return of("one printable ASCII token without spaces", value -> {
            if (!ApiSettings.isPrintableWord(value)) {
                throw new IllegalArgumentException();
            }
            return value;
        });
    }

    private static <N extends Comparable<N>> N check(N n, N min, N max) {
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw new IllegalArgumentException();
        }
        return n;
    }
}
