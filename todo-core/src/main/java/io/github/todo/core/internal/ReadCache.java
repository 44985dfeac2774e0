package io.github.todo.core.internal;

import io.github.todo.core.Task;

/** Tasks kept in memory by the store's writer, so that a read of one may skip the database. */
public interface ReadCache {

    /** No cache: PostgreSQL (other servers write too), or a cache of size 0. */
    ReadCache OFF = new ReadCache() {
        @Override
        public Task get(long id) {
            return null;
        }

        @Override
        public void put(Task task) {
        }

        @Override
        public void refresh(Task task) {
        }

        @Override
        public void remove(long id) {
        }

        @Override
        public void clear() {
        }
    };

    /** The task if it is in memory, else {@code null}. */
    Task get(long id);

    /** The writer's update for a task it changed, after the commit. */
    void put(Task task);

    /**
     * The writer's update for a task a set operation changed: kept only if the task is in memory
     * already, so that marking a million tasks does not churn the cache.
     */
    void refresh(Task task);

    /** The writer's update for a task it deleted, after the commit. */
    void remove(long id);

    /** Forgets everything: another connection changed the database behind our back. */
    void clear();
}
