package io.github.todo.standalone;

/**
 * A certificate, key or keystore that cannot serve HTTPS, with a message of one line that names the
 * file and what is wrong with it: at start the server exits with it (status 2); on a renewal the
 * old certificate keeps serving and it is logged.
 */
public final class TlsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TlsException(String message) {
        super(message);
    }
}
