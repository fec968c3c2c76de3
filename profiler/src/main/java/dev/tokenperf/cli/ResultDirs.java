package dev.tokenperf.cli;

import dev.tokenperf.reports.aggregate.RunAggregate;
import dev.tokenperf.reports.load.ResultFormatException;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.load.SavedRuns;
import dev.tokenperf.reports.load.SavedSlice;
import dev.tokenperf.reports.load.SavedSummary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads saved result directories for the offline commands; an unreadable one is a usage error. */
final class ResultDirs {

    private ResultDirs() {
    }

    static SavedResult read(Path dir) {
        return usage(ResultReader::read, dir);
    }

    /** One result, or repeated runs with their aggregate ({@code --num-profile-runs}'s base directory). */
    static SavedRuns readRuns(Path dir) {
        return usage(ResultReader::readRuns, dir);
    }

    /** The saved aggregate of repeated runs' base directory. */
    static RunAggregate readAggregate(Path dir) {
        return usage(ResultReader::readAggregate, dir);
    }

    /** The result's time slices; empty without {@code --slice-duration}. */
    static List<SavedSlice> readSlices(Path dir) {
        return usage(ResultReader::readSlices, dir);
    }

    static SavedSummary readSummary(Path dir) {
        return usage(ResultReader::readSummary, dir);
    }

    /** A reading of a directory that may find it unreadable. */
    private interface Reading<T> {
        T read(Path dir) throws ResultFormatException;
    }

    private static <T> T usage(Reading<T> reading, Path dir) {
        try {
            return reading.read(dir);
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
