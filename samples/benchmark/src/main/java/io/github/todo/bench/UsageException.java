package io.github.todo.bench;

/** A command line that cannot be run: unknown command or flag, bad value. Exit status 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
