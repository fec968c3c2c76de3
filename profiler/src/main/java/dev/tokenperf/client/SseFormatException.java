package dev.tokenperf.client;

/** The event stream broke a limit or could not be decoded. */
public final class SseFormatException extends RuntimeException {
    public SseFormatException(String message) {
        super(message);
    }
}
