package dev.tokenperf.client;

/**
 * One dispatched server-sent event.
 *
 * @param type         the {@code event:} field, or "message" when none was given
 * @param data         the {@code data:} lines joined with LF (no trailing LF)
 * @param id           the last {@code id:} seen, or null
 * @param arrivalNanos {@code System.nanoTime()} of the network read whose bytes completed this event
 * @param readIndex    the ordinal of that read on its connection; equal values mean one read carried both
 */
public record SseEvent(String type, String data, String id, long arrivalNanos, long readIndex) {
}
