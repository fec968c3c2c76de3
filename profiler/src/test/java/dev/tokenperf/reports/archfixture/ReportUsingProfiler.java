package dev.tokenperf.reports.archfixture;

import dev.tokenperf.profile.ProfileRunner;

/** Breaks the architecture on purpose (test-only): a reports class that knows the profiler's runner. */
public final class ReportUsingProfiler {
    String describe(ProfileRunner runner) {
        return runner.toString();
    }
}
