package dev.tokenperf.reports.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalDouble;

/**
 * One time slice ({@code --slice-duration}) read back from {@code profile_export_aiperf_timeslices.json}.
 *
 * @param index        zero-based, in time order
 * @param startSeconds its start, from the start of the measured phase
 * @param empty        whether no request started in it (it then has no statistics)
 * @param metrics      its object in the file: metric tag to statistics
 */
public record SavedSlice(int index, double startSeconds, boolean empty, JsonNode metrics) {

    /** A statistic of the slice, if it has it. */
    public OptionalDouble value(String tag, String stat) {
        JsonNode node = metrics.path(tag).path(stat);
        return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }
}
