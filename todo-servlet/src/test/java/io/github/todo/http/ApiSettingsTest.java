package io.github.todo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

    @Test
    void a_printable_word_is_one_or_more_characters_from_bang_to_tilde() {
        assertTrue(ApiSettings.isPrintableWord("todo"));
        assertTrue(ApiSettings.isPrintableWord("!~"));
        assertTrue(ApiSettings.isPrintableWord("s3cr3t-T0ken_=/+.:"));
        for (String word : new String[] {"", " ", "two words", "tab\t", "line\n", "del\u007f", "caf\u00e9", "\u2003"}) {
            assertFalse(ApiSettings.isPrintableWord(word), word);
        }
    }

    @Test
    void server_names_and_tokens_are_printable_words() {
        assertEquals("serverName must be one printable ASCII token without spaces",
                assertThrows(IllegalArgumentException.class, () -> new ApiSettings(" ", 1, null, List.of())).getMessage());
        assertEquals("token must be printable ASCII without spaces",
                assertThrows(IllegalArgumentException.class, () -> new ApiSettings("todo", 1, "a b", List.of())).getMessage());
        assertEquals("t0k3n", new ApiSettings("todo", 1, "t0k3n", List.of()).token());
    }
}
