package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.record.RequestError;

/**
 * Measured requests that failed the same way (same kind and HTTP status).
 *
 * @param example the first of them
 * @param count   how many
 */
public record ErrorGroup(RequestError example, long count) {
}
