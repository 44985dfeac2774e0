package io.github.todo.core;

/**
 * Tasks added to a store with the ids they already have, in one transaction: {@link #commit()}
 * makes all of them visible at once, and closing without committing (an error in the input, a
 * duplicate id, a failure of the database) leaves the store as it was. Open one with
 * {@link TaskService#beginImport()}, on one thread, in try-with-resources:
 * <pre>{@code
 * try (TaskImport load = tasks.beginImport()) {
 *     load.add(new Task(42, "kept its id", false));
 *     load.commit();
 * }
 * }</pre>
 *
 * <p>While an import is open on SQLite it holds the database's write lock from its first
 * {@link #add}, so the store's own writes wait for it (up to {@link TodoConfig#busyTimeout()}):
 * import into a busy live store in small files, or while it is idle.
 */
public interface TaskImport extends AutoCloseable {

    /**
     * Adds {@code task} with its id.
     *
     * @throws InvalidTaskException when the task breaks a rule (an id below 1, a blank or too long name)
     * @throws StoreException       when the database refuses it, for example because the id is taken;
     *                              the import is then rolled back
     */
    void add(Task task);

    /**
     * Makes the store hand out ids above {@code id} from now on, even if no task has it: copies keep
     * the id sequence of their source, deleted ids included. The sequence never goes down.
     */
    void idSequenceAtLeast(long id);

    /**
     * Commits every task added, and moves the id sequence past the highest id added.
     *
     * @return how many tasks were added
     * @throws StoreException when the commit fails; nothing is imported then
     */
    long commit();

    /** Rolls back unless {@link #commit()} returned; releases the connection. Idempotent. */
    @Override
    void close();
}
