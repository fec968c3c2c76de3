package dev.tokenperf.cacheprobe;

/** The probe could not measure: the server was unreachable or a request failed. */
public final class ProbeFailedException extends RuntimeException {
    public ProbeFailedException(String message) {
        super(message);
    }
}
