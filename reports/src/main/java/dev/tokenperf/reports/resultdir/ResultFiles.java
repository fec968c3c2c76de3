package dev.tokenperf.reports.resultdir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The names of the files in a run's result directory, in one place for the code that writes them
 * ({@code reports.export}) and the code that reads them back ({@code reports.load}). The three main files carry
 * aiperf's names and schema, so that a script written for aiperf reads tokenperf's results; results written
 * before tokenperf adopted those names ({@code summary.json}, {@code summary.csv}, {@code records.jsonl}) still
 * load, through {@link #summaryJson} and {@link #recordsJsonl}.
 */
public final class ResultFiles {
    /** Every metric's statistics, the run's configuration and its verdicts (aiperf's summary file). */
    public static final String SUMMARY_JSON = "profile_export_aiperf.json";
    /** The same statistics as a table. */
    public static final String SUMMARY_CSV = "profile_export_aiperf.csv";
    /** One line per request. */
    public static final String RECORDS_JSONL = "profile_export.jsonl";
    /** The server's stage reports, one line per request id. */
    public static final String STAGE_REPORTS_JSONL = "stage_reports.jsonl";
    /** Each distribution metric's full histogram, in HdrHistogram's log format ({@link HistogramLogFile}). */
    public static final String HISTOGRAMS_HLOG = "histograms.hlog";

    /** The version of aiperf's {@code profile_export_aiperf.json} schema the summary follows. */
    public static final String SCHEMA_VERSION = "1.5";

    /** What {@link #SUMMARY_JSON} was called before tokenperf wrote aiperf's names. */
    static final String OLD_SUMMARY_JSON = "summary.json";
    /** What {@link #RECORDS_JSONL} was called before tokenperf wrote aiperf's names. */
    static final String OLD_RECORDS_JSONL = "records.jsonl";

    /** Every metric per time slice ({@code --slice-duration}), aiperf's tidy CSV. */
    public static final String TIMESLICES_CSV = "profile_export_aiperf_timeslices.csv";
    /** Every metric per time slice, aiperf's JSON. */
    public static final String TIMESLICES_JSON = "profile_export_aiperf_timeslices.json";

    /** Repeated runs ({@code --num-profile-runs}): each run's directory under here, as aiperf. */
    public static final String PROFILE_RUNS_DIR = "profile_runs";
    /** Repeated runs: the across-run statistics, as aiperf. */
    public static final String AGGREGATE_JSON = "aggregate/profile_export_aiperf_aggregate.json";

    private ResultFiles() {
    }

    /** Whether the directory is the base directory of repeated runs (it holds their aggregate). */
    public static boolean isRepeatedRuns(Path dir) {
        return Files.isRegularFile(dir.resolve(AGGREGATE_JSON));
    }

    /** The directory's summary file: aiperf's name, or the older {@code summary.json} when only that exists. */
    public static Path summaryJson(Path dir) {
        return existing(dir, SUMMARY_JSON, OLD_SUMMARY_JSON);
    }

    /** The directory's per-request file: aiperf's name, or the older {@code records.jsonl} when only that exists. */
    public static Path recordsJsonl(Path dir) {
        return existing(dir, RECORDS_JSONL, OLD_RECORDS_JSONL);
    }

    // the current name wins; a missing file is reported under the current name
    private static Path existing(Path dir, String name, String oldName) {
        Path current = dir.resolve(name);
        Path old = dir.resolve(oldName);
        return !Files.exists(current) && Files.exists(old) ? old : current;
    }
}
