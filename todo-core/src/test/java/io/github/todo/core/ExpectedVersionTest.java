package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpectedVersionTest {

    @Test
    void any_matches_every_version_and_names_none() {
        ExpectedVersion any = ExpectedVersion.any();
        assertSame(any, ExpectedVersion.any());
        assertTrue(any.isAny());
        assertTrue(any.matches(1) && any.matches(Long.MAX_VALUE));
        assertThrows(IllegalStateException.class, any::version);
    }

    @Test
    void of_matches_only_its_version() {
        ExpectedVersion three = ExpectedVersion.of(3);
        assertFalse(three.isAny());
        assertEquals(3, three.version());
        assertTrue(three.matches(3));
        assertFalse(three.matches(4));
        assertEquals(three, ExpectedVersion.of(3));
        assertNotEquals(three, ExpectedVersion.of(4));
        assertNotEquals(ExpectedVersion.of(Task.FIRST_VERSION), ExpectedVersion.any());
    }

    @Test
    void a_version_no_task_can_have_is_refused_naming_the_field() {
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> ExpectedVersion.of(bad));
            assertEquals("version", e.field());
        }
    }
}
