package dev.tokenperf.reports.json;

import java.util.regex.Pattern;

/**
 * Jackson's error messages as a user should read them. Jackson 2.16+ writes where an error is as
 * {@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 9]}: the
 * first part reads like a secret was hidden and says nothing; the line and column are what help.
 */
public final class JsonMessages {
    private static final Pattern REDACTED_SOURCE =
            Pattern.compile("Source: REDACTED \\(`StreamReadFeature\\.INCLUDE_SOURCE_IN_LOCATION` disabled\\); ");

    private JsonMessages() {
    }

    /** {@code message} without Jackson's redacted-source text; null stays null. */
    public static String withoutRedactedSource(String message) {
        return message == null || !message.contains("Source: REDACTED") ? message
                : REDACTED_SOURCE.matcher(message).replaceAll("");
    }
}
