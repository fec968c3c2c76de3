package dev.tokenperf.reports.gate;

/** A gate check or gate file that cannot be understood; the message quotes it and says what is valid. */
public final class GateSyntaxException extends IllegalArgumentException {
    public GateSyntaxException(String message) {
        super(message);
    }
}
