package io.github.todo.core.internal.sqlite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

/** The read cache's byte bound against what its entries really take on the heap. */
class TaskCacheTest {

    private static final int BUDGET = 32 * 1024 * 1024;

    /**
     * Fills a 32 MiB cache well past its bound with each kind of worst-case name, and weighs the
     * heap it then holds: never more than the budget, and not far below it for the kind the
     * weight is exact for (a name outside Latin-1).
     */
    @Test
    void the_heap_it_holds_stays_within_its_budget_whatever_the_names() {
        String[] names = {
            "x".repeat(1000),               // ASCII: one byte a character
            "\u0416".repeat(1000),          // Cyrillic: two bytes a character
            "\uD83D\uDE00".repeat(1000),    // emoji: four bytes a code point
            "t",                            // the shortest: the entry's overhead dominates
        };
        for (String name : names) {
            long before = heapAfterGc();
            TaskCache cache = new TaskCache(BUDGET);
            int count = (int) Math.min(400_000, 3L * BUDGET / TaskCache.weight(new Task(1, name, false)));
            for (int i = 1; i <= count; i++) {
                // a copy each, as the writer puts a freshly decoded name for every task
                cache.put(new Task(i, new String(name.toCharArray()), false));
            }
            long held = heapAfterGc() - before;
            assertTrue(held <= BUDGET * 11L / 10, describe(name) + ": " + held + " bytes held for a budget of " + BUDGET);
            if (name.charAt(0) > 0xFF) {
                assertTrue(held >= BUDGET / 2, describe(name) + ": only " + held + " bytes used of " + BUDGET);
            }
            cache.clear(); // after the weighing: the cache is reachable until then
        }
    }

    private static String describe(String name) {
        return name.length() + " chars of U+" + Integer.toHexString(name.codePointAt(0));
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
