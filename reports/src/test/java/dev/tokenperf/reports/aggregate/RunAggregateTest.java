package dev.tokenperf.reports.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.export.AggregateWriter;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Across-run statistics: exact t-intervals, a CV warning when runs disagree, the aggregate file. */
class RunAggregateTest {

    @Test
    void threeRunsGiveTheStudentTIntervalOfTheirMean() {
        AcrossRuns a = AcrossRuns.of(new double[] {10, 12, 14}, 0.95);
        assertEquals(12, a.mean(), 1e-12);
        assertEquals(2, a.stddev(), 1e-12);
        assertEquals(2.0 / 12, a.cv(), 1e-12);
        // t(0.975, 2 df) = 4.302652729911275; half-width = t * 2 / sqrt(3)
        double half = 4.302652729911275 * 2 / Math.sqrt(3);
        assertEquals(12 - half, a.low(), 1e-9);
        assertEquals(12 + half, a.high(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> AcrossRuns.of(new double[] {1}, 0.95));
    }

    @Test
    void runsThatDisagreeAreWarnedAboutAndTheAggregateIsWritten(@TempDir Path dir) throws Exception {
        List<RunSummary> runs = List.of(RunSummarizer.summarize(SyntheticRuns.run(30, 1)),
                RunSummarizer.summarize(SyntheticRuns.run(30, 2)), RunSummarizer.summarize(SyntheticRuns.run(3, 3)));
        RunAggregate aggregate = RunAggregate.of(List.of("run_0001", "run_0002", "run_0003"), runs, 0.95);

        AcrossRuns ttft = aggregate.metrics().get("time_to_first_token").get("p50");
        assertEquals(3, ttft.runs());
        double mean = runs.stream().mapToDouble(s -> s.value("time_to_first_token", "p50").orElseThrow()).sum() / 3;
        assertEquals(mean, ttft.mean(), 1e-9);
        assertTrue(aggregate.warnings().stream().anyMatch(w -> w.startsWith("request_count avg varies across runs")),
                "30, 30 and 3 requests disagree: " + aggregate.warnings());

        Path file = AggregateWriter.write(aggregate, SyntheticRuns.configuration(), dir);
        assertEquals(dir.resolve(ResultFiles.AGGREGATE_JSON), file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(3, json.path("num_profile_runs").asInt());
        assertEquals(ttft.low(), json.path("metrics").path("time_to_first_token").path("p50").path("ci_low")
                .asDouble());
        assertTrue(AggregateWriter.render(aggregate).contains("warning: request_count avg varies across runs"));
    }

    @Test
    void aGateJudgesTheWorseBoundAndTheAggregateReadsBackAsWritten(@TempDir Path dir) throws Exception {
        RunAggregate aggregate = SyntheticRuns.writeRepeated(dir, List.of(SyntheticRuns.run(30, 1),
                SyntheticRuns.run(30, 2), SyntheticRuns.run(30, 3)));

        AcrossRuns ttft = aggregate.across("time_to_first_token", "p99").orElseThrow();
        assertEquals(ttft.high(), aggregate.worseBound("time_to_first_token", "p99").orElseThrow(),
                "lower is better: the upper bound");
        AcrossRuns throughput = aggregate.across("output_token_throughput", "avg").orElseThrow();
        assertEquals(throughput.low(), aggregate.worseBound("output_token_throughput", "avg").orElseThrow(),
                "higher is better: the lower bound");
        AcrossRuns osl = aggregate.across("output_sequence_length", "p50").orElseThrow();
        assertEquals(osl.mean(), aggregate.worseBound("output_sequence_length", "p50").orElseThrow(),
                "no direction: the mean");
        assertTrue(aggregate.worseBound("time_to_first_token", "p75").isEmpty());

        RunAggregate read = ResultReader.readAggregate(dir);
        assertEquals(aggregate.runs(), read.runs());
        assertEquals(aggregate.level(), read.level());
        assertEquals(aggregate.metrics(), read.metrics());
        assertEquals(aggregate.warnings(), read.warnings());
    }
}
