package dev.tokenperf.reports.load;

import java.io.IOException;

/** A result directory or file that is missing or cannot be read; the message names the file. */
public final class ResultFormatException extends IOException {
    public ResultFormatException(String message) {
        super(message);
    }

    public ResultFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
