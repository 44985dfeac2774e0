package io.github.todo.war;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The threads of one store, found by the name todo-core gives them: {@code todo[<file>]-writer},
 * and for the read pool HikariCP's {@code todo[<file>]-reads housekeeper}, ...; a store over a
 * container's DataSource is {@code todo[external]} and has only the writer.
 */
final class StoreThreads {

    /** The name of the store over a container's DataSource. */
    static final String EXTERNAL = "todo[external]";

    private static final long GRACE_MILLIS = 5_000;

    private StoreThreads() {
    }

    /** The name of the store on {@code db}. */
    static String of(Path db) {
        return "todo[" + db.getFileName() + "]";
    }

    /** The live threads of store {@code store}. */
    static List<Thread> alive(String store) {
        List<Thread> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(store) && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }

    /**
     * The names of the store's threads still alive after a short grace period: HikariCP shuts its
     * housekeeper down without waiting for it, so it may take a moment to end.
     */
    static List<String> aliveAfterGrace(String store) throws InterruptedException {
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        for (Thread thread : alive(store)) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return alive(store).stream().map(Thread::getName).toList();
    }
}
