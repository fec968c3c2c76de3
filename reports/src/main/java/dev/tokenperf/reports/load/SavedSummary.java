package dev.tokenperf.reports.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.reports.resultdir.ResultFiles;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * A result's {@code profile_export_aiperf.json} alone, for readers whose questions it answers (a gate over statistics):
 * reading it does not touch {@code profile_export.jsonl}.
 *
 * @param dir     where it was read from
 * @param summary the parsed {@code profile_export_aiperf.json}
 */
public record SavedSummary(Path dir, JsonNode summary) {

    /** A statistic of {@code profile_export_aiperf.json} ({@code avg} for a run-level metric), if the result has it. */
    public OptionalDouble value(String tag, String stat) {
        JsonNode node = summary.path(tag).path(stat);
        return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }

    /** The unit {@code profile_export_aiperf.json} gives the metric, or null when the metric is absent. */
    public String unit(String tag) {
        return summary.path(tag).path("unit").asText(null);
    }

    /**
     * The directory's name, to label the run in tables and charts; one of repeated runs is named with its base
     * directory ({@code a/run_0002}), since every base directory has a {@code run_0002}.
     */
    public String label() {
        return label(dir);
    }

    /** {@link #label()} of any directory: a result's, or repeated runs' base directory. */
    public static String label(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        Path name = path.getFileName();
        if (name == null) {
            return dir.toString();
        }
        Path parent = path.getParent();
        if (parent != null && parent.getParent() != null && parent.getParent().getFileName() != null
                && ResultFiles.PROFILE_RUNS_DIR.equals(String.valueOf(parent.getFileName()))) {
            return parent.getParent().getFileName() + "/" + name;
        }
        return name.toString();
    }
}
