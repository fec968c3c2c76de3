package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestError;

/**
 * Measured requests that failed the same way (same kind and HTTP status).
 *
 * @param example          the first of them
 * @param count            how many
 * @param retryAfterMillis the back-off their answers asked for with {@code Retry-After}, summed (0 when none did)
 */
public record ErrorGroup(RequestError example, long count, long retryAfterMillis) {

    /** True for attempts that were resent: they are not failed requests. */
    public boolean resent() {
        return example.kind() == ErrorKind.RESENT;
    }
}
