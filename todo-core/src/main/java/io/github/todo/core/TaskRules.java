package io.github.todo.core;

/**
 * The validation rules for task input, in one place for every adapter: the store, and todo-client,
 * which checks input the same way before it sends a request.
 */
public final class TaskRules {

    private final int maxNameLength;

    /** Rules with names of at most {@code maxNameLength} characters (code points). */
    public TaskRules(int maxNameLength) {
        this.maxNameLength = maxNameLength;
    }

    /** Checks a draft: both fields present, the name valid. */
    public void check(TaskDraft draft) {
        if (draft == null) {
            throw new InvalidTaskException("body", "is required");
        }
        checkName(draft.name());
        if (draft.done() == null) {
            throw new InvalidTaskException("done", "is required");
        }
    }

    /** Checks a patch: the name valid when it is set. */
    public void check(TaskPatch patch) {
        if (patch == null) {
            throw new InvalidTaskException("body", "is required");
        }
        if (patch.name() != null) {
            checkName(patch.name());
        }
    }

    /** Checks that {@code id} can name a task. */
    public void checkId(long id) {
        if (id < 1) {
            throw new InvalidTaskException("id", "must be a positive integer");
        }
    }

    private void checkName(String name) {
        if (name == null) {
            throw new InvalidTaskException("name", "is required");
        }
        if (name.isBlank()) {
            throw new InvalidTaskException("name", "must not be blank");
        }
        // Check the cheap UTF-16 length first: it is never less than the code point count.
        if (name.length() > maxNameLength && name.codePointCount(0, name.length()) > maxNameLength) {
            throw new InvalidTaskException("name", "must be at most " + maxNameLength + " characters");
        }
        // PostgreSQL's TEXT cannot hold U+0000; refused on every backend so the contract is one.
        if (name.indexOf('\u0000') >= 0) {
            throw new InvalidTaskException("name", "must not contain NUL characters");
        }
        // An unpaired surrogate cannot be stored as UTF-8; SQLite would keep a '?' instead.
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                    i++;
                } else {
                    throw new InvalidTaskException("name", "must be valid Unicode (it has an unpaired surrogate)");
                }
            }
        }
    }
}
