package dev.tokenperf.cli;

import dev.tokenperf.reports.load.ResultFormatException;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.load.SavedSummary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads saved result directories for the offline commands; an unreadable one is a usage error. */
final class ResultDirs {

    private ResultDirs() {
    }

    static SavedResult read(Path dir) {
        try {
            return ResultReader.read(dir);
        } catch (ResultFormatException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static SavedSummary readSummary(Path dir) {
        try {
            return ResultReader.readSummary(dir);
        } catch (ResultFormatException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static List<SavedResult> readAll(List<Path> dirs) {
        List<SavedResult> results = new ArrayList<>();
        for (Path dir : dirs) {
            results.add(read(dir));
        }
        return results;
    }
}
