package io.github.todo.standalone;

import io.github.todo.core.ApiBoundary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** todo-standalone uses the other modules through their API packages only (see {@link ApiBoundary}). */
class ApiBoundaryTest {

    @Test
    void no_class_uses_an_internal_type_from_outside_its_owner() throws Exception {
        ApiBoundary.assertNoInternalUseFromOutside(Path.of("target/classes"), Path.of("target/test-classes"));
    }
}
