package io.github.todo.client;

import io.github.todo.core.StoreException;

/**
 * The server refused the request for want of a valid bearer token (HTTP 401): none was configured
 * and the server has one, or the one given is wrong. A {@link StoreException}, as for the caller
 * the store cannot be used; catch this one to tell a misconfiguration from an outage.
 */
public final class UnauthorizedException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** The server at hand refused the token, as {@code message} says. */
    public UnauthorizedException(String message) {
        super(message);
    }
}
