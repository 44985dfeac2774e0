package io.github.todo.http;

/**
 * How the HTTP API presents itself; immutable.
 *
 * @param serverName   the token {@code GET /info} answers, default {@code todo}
 * @param maxBodyBytes the largest request body accepted, default 1 MiB; larger ones get 413
 */
public record ApiSettings(String serverName, long maxBodyBytes) {

    /** The default {@link #maxBodyBytes()}: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /** Validates the values. */
    public ApiSettings {
        if (serverName == null || serverName.isBlank() || !serverName.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("serverName must be one printable ASCII token without spaces");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes cannot be less than 1");
        }
    }

    /** The defaults: name {@code todo}, 1 MiB bodies. */
    public static ApiSettings defaults() {
        return new ApiSettings("todo", DEFAULT_MAX_BODY_BYTES);
    }

    /** A copy with another server name. */
    public ApiSettings withServerName(String name) {
        return new ApiSettings(name, maxBodyBytes);
    }

    /** A copy with another body limit. */
    public ApiSettings withMaxBodyBytes(long bytes) {
        return new ApiSettings(serverName, bytes);
    }
}
