package dev.tokenperf.workloads.prompt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TechnicalManualTest {

    @Test
    void isTheSameLongNumberedDocumentEveryTime() {
        String text = TechnicalManual.text();
        assertEquals(text, TechnicalManual.text());
        assertTrue(text.length() >= TechnicalManual.LENGTH_CHARS && text.length() < TechnicalManual.LENGTH_CHARS + 5000,
                "length " + text.length());
        assertTrue(text.startsWith("Operating Manual of a Model Serving System\n\n1. Request admission\n\n"),
                text.substring(0, 80));
        assertTrue(text.contains("\n\n25. Request admission\n\n"), "sections cycle through the topics");
    }
}
