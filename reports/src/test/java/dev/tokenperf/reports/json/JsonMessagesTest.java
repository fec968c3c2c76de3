package dev.tokenperf.reports.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonMessagesTest {

    @Test
    void jacksonsRedactedSourceIsRemovedAndTheLineAndColumnKept() {
        String raw = assertThrows(JsonProcessingException.class, () -> new ObjectMapper().readTree("{\"a\":"))
                .getMessage();
        assertTrue(raw.contains("Source: REDACTED"), "the Jackson in use still writes it: " + raw);
        String clean = JsonMessages.withoutRedactedSource(raw);
        assertEquals(raw.replace("Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", ""),
                clean);
        assertTrue(clean.contains("[line: 1, column: 6]"), clean);
        assertEquals("plain", JsonMessages.withoutRedactedSource("plain"));
        assertNull(JsonMessages.withoutRedactedSource(null));
    }
}
