package dev.tokenperf.reports.resultdir;

/**
 * The names of the files in a run's result directory, in one place for the code that writes them
 * ({@code reports.export}) and the code that reads them back ({@code reports.load}).
 */
public final class ResultFiles {
    /** Every metric's statistics, the run's configuration and its verdicts. */
    public static final String SUMMARY_JSON = "summary.json";
    /** The same statistics as a table. */
    public static final String SUMMARY_CSV = "summary.csv";
    /** One line per request. */
    public static final String RECORDS_JSONL = "records.jsonl";
    /** The server's stage reports, one line per request id. */
    public static final String STAGE_REPORTS_JSONL = "stage_reports.jsonl";
    /** Each distribution metric's full histogram, in HdrHistogram's log format ({@link HistogramLogFile}). */
    public static final String HISTOGRAMS_HLOG = "histograms.hlog";

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
}
