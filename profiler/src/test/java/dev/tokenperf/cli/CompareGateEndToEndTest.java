package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.resultdir.HistogramLogFile;
import dev.tokenperf.reports.resultdir.ResultFiles;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end through the CLI, in-process, against the emulator on 127.0.0.1: three short runs (two with the
 * same ITL, one slower), then compare, gate, merge and plot on their saved directories only.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hung CLI run fails the build instead of hanging it
class CompareGateEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Path base;
    static Path same;
    static Path slower;


    /** One profile in a child JVM: the test JVM's paranoid leak detection would add milliseconds per request. */
    static Path profile(String name, String itlMillis, String... extra) throws Exception {
        Path dir = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("profile", "--emulate", "--streaming", "--concurrency", "4",
                "--request-count", "40", "--warmup-request-count", "40", "--isl", "50", "--osl", "20",
                "--ttft-ms", "5", "--itl-ms", itlMillis, "--random-seed", "11", "--output-dir", dir.toString()));
        args.addAll(List.of(extra)); // the same seed: the same prompt set, so the runs are one workload
        CliRun run = CliProcess.run(120, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.out());
        return dir;
    }

    @BeforeAll
    static void runs() throws Exception {
        base = profile("base", "5");
        same = profile("same", "5");
        slower = profile("slower", "8");
    }

    private static JsonNode compareJson(Path a, Path b, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("compare", a.toString(), b.toString(), "--format", "json"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return MAPPER.readTree(run.out()).path("comparisons").get(0);
    }

    private static JsonNode metric(JsonNode comparison, String metric) {
        for (JsonNode m : comparison.path("metrics")) {
            if (m.path("metric").asText().equals(metric)) {
                return m;
            }
        }
        throw new AssertionError(metric + " is not compared: " + comparison);
    }

    @Test
    void slowerItlIsMarkedWorseAndSignificant() throws Exception {
        JsonNode comparison = compareJson(base, slower);
        JsonNode itl = metric(comparison, "inter_token_latency");
        assertEquals(List.of("p50", "p90", "p99", "avg"), List.copyOf(iterable(itl.path("stats").fieldNames())));
        assertEquals("worse", itl.path("change").asText(), itl.toString());
        JsonNode significance = itl.path("significance");
        assertTrue(significance.path("significant").asBoolean(), itl.toString());
        assertTrue(significance.path("p_value").asDouble() < 0.05, itl.toString());
        // 5 ms -> 8 ms per token: the emulator's truth, with a loaded-machine tolerance of +-1 ms each side
        double delta = itl.path("stats").path("p50").path("absolute_delta").asDouble();
        assertTrue(delta > 2 && delta < 4, "ITL p50 delta " + delta + " ms, emulator says 3 ms");
        // the median moved by 60% (8/5 - 1); the interval must lie around it, within the same tolerance
        JsonNode interval = significance.path("median_shift_ci95");
        assertTrue(interval.get(0).asDouble() > 0.4 && interval.get(1).asDouble() < 0.8, interval.toString());
        assertTrue(comparison.path("workload_differences").isEmpty());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    /**
     * A run compared with a copy of itself: every per-request metric has the same values on both sides, so the
     * test cannot fail by chance (two real runs of one configuration could: at 5% one metric in twenty is
     * significant by luck, and a shared machine shifts wall-clock timings between runs for real), yet it fails
     * when the comparison invents a difference.
     */
    @Test
    void aRunComparedWithItsCopyShowsNoDifference() throws Exception {
        JsonNode comparison = compareJson(base, copy(base, "base-copy"), "--all");
        for (String name : List.of("inter_token_latency", "inter_chunk_latency", "output_token_throughput_per_user",
                "time_to_first_token", "request_latency")) {
            JsonNode m = metric(comparison, name);
            m.path("stats").forEach(stat -> assertEquals(0, stat.path("absolute_delta").asDouble(), 0, m.toString()));
            assertEquals("same", m.path("change").asText(), m.toString());
            JsonNode significance = m.path("significance");
            assertFalse(significance.path("significant").asBoolean(), m.toString());
            // U sits exactly at its mean: z is 0 and p is 1 up to the normal tail's approximation error
            assertEquals(1, significance.path("p_value").asDouble(), 1e-6, m.toString());
            assertEquals(0, significance.path("effect_size_cliffs_delta").asDouble(), 1e-12, m.toString());
            JsonNode interval = significance.path("median_shift_ci95"); // null when too few medians are non-zero
            assertTrue(interval.isNull() || interval.get(0).asDouble() <= 0 && interval.get(1).asDouble() >= 0,
                    m.toString());
        }
    }

    /** Two runs of one command line differ in their seed and prompt set: a note, not a refusal. */
    @Test
    void anotherSeedIsANoteAndTheDefaultTableIsShort() throws Exception {
        Path other = copy(base, "other-seed");
        ObjectNode summary = (ObjectNode) MAPPER.readTree(other.resolve("profile_export_aiperf.json").toFile());
        ObjectNode config = (ObjectNode) summary.path("input_config");
        ((ObjectNode) config.path("input")).put("random_seed", 987654321L);
        config.put("prompt_set_sha256", "f".repeat(64));
        MAPPER.writeValue(other.resolve("profile_export_aiperf.json").toFile(), summary);

        JsonNode comparison = compareJson(base, other);

        assertTrue(comparison.path("workload_differences").isEmpty(), comparison.toString());
        assertTrue(comparison.path("notes").get(0).asText().startsWith("random seeds differ ("), comparison.toString());
        List<String> shown = new ArrayList<>();
        comparison.path("metrics").forEach(m -> shown.add(m.path("metric").asText()));
        assertFalse(shown.contains("inter_chunk_latency"), shown.toString());
        assertTrue(shown.contains("time_to_second_token") && shown.contains("error_request_count"), shown.toString());
    }

    @Test
    void consoleAndMarkdownOutputsAndOutputFile() throws Exception {
        CliRun console = CliRun.of("compare", base.toString(), slower.toString(), same.toString());
        assertEquals(0, console.exitCode(), console.err());
        assertTrue(console.out().contains("base base vs candidate slower"), console.out());
        assertTrue(console.out().contains("base base vs candidate same"), console.out());
        assertTrue(console.out().lines().anyMatch(l -> l.startsWith("inter_token_latency (ms)") && l.contains("worse")
                && l.contains("yes: Mann-Whitney U p=")), console.out());
        Path md = tmp.resolve("compare.md");
        CliRun markdown = CliRun.of("compare", base.toString(), slower.toString(), "--format", "markdown", "-o", md.toString());
        assertEquals(0, markdown.exitCode(), markdown.err());
        String text = Files.readString(md);
        assertTrue(text.startsWith("### base base vs candidate slower"), text);
        assertTrue(text.contains("|Metric|Stat|Base|Candidate|Delta %|p90 Delta %|p99 Delta %|avg Delta %|Change|Significance|"),
                text);
    }

    @Test
    void compareRefusesDifferentWorkloadsUnlessAllowed() throws Exception {
        Path other = copy(base, "other-isl");
        ObjectNode summary = (ObjectNode) MAPPER.readTree(other.resolve("profile_export_aiperf.json").toFile());
        ((ObjectNode) summary.path("input_config").path("input")).put("isl", 999);
        MAPPER.writeValue(other.resolve("profile_export_aiperf.json").toFile(), summary);

        CliRun refused = CliRun.of("compare", base.toString(), other.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("isl: 50 vs 999"), refused.err());
        assertEquals(1, refused.err().strip().lines().count());

        JsonNode allowed = compareJson(base, other, "--allow-different-workloads");
        assertEquals("isl: 50 vs 999", allowed.path("workload_differences").get(0).asText());
    }

    @Test
    void gatePassesWithExitZeroAndWritesJUnit() throws Exception {
        CliRun run = CliRun.of("gate", base.toString(), "--gate", "itl.p90<50ms", "--gate", "output_token_throughput>1");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("PASS itl.p90<50ms: actual "), run.out());
        Element suite = junitSuite(base.resolve("gate-junit.xml"));
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals(2, suite.getElementsByTagName("testcase").getLength());
        assertEquals(0, suite.getElementsByTagName("failure").getLength());
        assertTrue(Files.readString(base.resolve("gate-summary.md")).contains("**PASSED**"));
    }

    @Test
    void gateFailsWithExitThreeAgainstABaseline() throws Exception {
        Path junit = tmp.resolve("reports/slower-junit.xml");
        CliRun run = CliRun.of("gate", slower.toString(), "--baseline", base.toString(), "--gate", "itl.p90<+5%",
                "--gate", "ttft.p99<10s", "--junit", junit.toString());
        assertEquals(3, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("FAIL itl.p90<+5%: actual "), run.out());
        assertTrue(run.out().contains("PASS ttft.p99<10s"), run.out());
        Element suite = junitSuite(junit);
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Element failed = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals("itl.p90<+5%", failed.getAttribute("name"));
        assertEquals(1, failed.getElementsByTagName("failure").getLength());
    }

    @Test
    void badCheckSyntaxIsAUsageErrorOnOneLine() {
        for (String check : List.of("itl.p90 ~ 5", "itl<5", "ttft.p99<5parsecs", "nosuch.p50<1")) {
            CliRun run = CliRun.of("gate", base.toString(), "--gate", check);
            assertEquals(2, run.exitCode(), check);
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().startsWith("tokenperf: gate '"), run.err());
        }
        CliRun relative = CliRun.of("gate", base.toString(), "--gate", "itl.p90<+5%");
        assertEquals(2, relative.exitCode());
        assertTrue(relative.err().contains("needs --baseline"), relative.err());
        CliRun missing = CliRun.of("gate", tmp.resolve("nowhere").toString(), "--gate", "itl.p90<5ms");
        assertEquals(2, missing.exitCode());
    }

    @Test
    void gateFileAndGoodputFromTheExample() throws Exception {
        Path example = Path.of("..", "examples", "gates.yaml");
        assertTrue(Files.exists(example), "examples/gates.yaml");
        CliRun run = CliRun.of("gate", base.toString(), "--gate-file", example.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("PASS goodput"), run.out());

        CliRun strict = CliRun.of("gate", base.toString(), "--goodput", "ttft:0.001", "--gate", "good_request_count>=1");
        assertEquals(3, strict.exitCode(), strict.err() + strict.out());
        assertTrue(strict.out().contains("actual 0.00 requests"), strict.out());
    }

    @Test
    void profileGatesItsOwnRunAndReportsGoodput() throws Exception {
        Path dir = tmp.resolve("gated");
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--concurrency", "4", "--request-count", "12",
                "--isl", "50", "--osl", "10", "--ttft-ms", "5", "--itl-ms", "5", "--output-dir", dir.toString(),
                "--model", "tokenperf-emulated", "--goodput", "ttft:10000 itl:1000", "--gate", "itl.p50>1s");
        assertEquals(3, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("FAIL itl.p50>1s"), run.out());
        JsonNode summary = MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        assertEquals(12, summary.path("good_request_count").path("avg").asInt());
        assertEquals(summary.path("request_throughput").path("avg").asDouble(),
                summary.path("goodput").path("avg").asDouble(), 1e-9);
        JsonNode fingerprint = summary.path("fingerprint");
        assertEquals("tokenperf-emulated", fingerprint.path("server_model_id").asText());
        assertEquals(64, fingerprint.path("prompt_set_sha256").asText().length());
        assertFalse(fingerprint.path("tool_version").asText().isEmpty());

        CliRun badGate = CliRun.of("profile", "--emulate", "--gate", "itl.p90 ~ 5");
        assertEquals(2, badGate.exitCode());
    }

    @Test
    void mergingTwoHalvesOfARunGivesTheWholeRunsHistograms() throws Exception {
        SavedResult whole = ResultReader.read(base);
        List<RequestRecord> records = whole.result().records().toList();
        int middle = records.size() / 2;
        Path first = half(whole, records.subList(0, middle), "half1");
        Path second = half(whole, records.subList(middle, records.size()), "half2");
        Path merged = tmp.resolve("merged");
        CliRun run = CliRun.of("merge", first.toString(), second.toString(), "--output-dir", merged.toString());
        assertEquals(0, run.exitCode(), run.err());

        Map<String, Histogram> expected = HistogramLogFile.read(base.resolve(ResultFiles.HISTOGRAMS_HLOG));
        Map<String, Histogram> actual = HistogramLogFile.read(merged.resolve(ResultFiles.HISTOGRAMS_HLOG));
        assertEquals(expected.keySet(), actual.keySet());
        assertTrue(expected.containsKey("inter_token_latency"), expected.keySet().toString());
        JsonNode mergedSummary = MAPPER.readTree(merged.resolve("profile_export_aiperf.json").toFile());
        JsonNode wholeSummary = MAPPER.readTree(base.resolve("profile_export_aiperf.json").toFile());
        for (String tag : expected.keySet()) {
            assertEquals(expected.get(tag).getTotalCount(), actual.get(tag).getTotalCount(), tag);
            assertEquals(expected.get(tag), actual.get(tag), tag);
            assertEquals(wholeSummary.path(tag).path("p99"), mergedSummary.path(tag).path("p99"), tag);
            assertEquals(wholeSummary.path(tag).path("count"), mergedSummary.path(tag).path("count"), tag);
        }
    }

    private static Path half(SavedResult whole, List<RequestRecord> records, String name) throws Exception {
        RunResult run = whole.result();
        Path dir = tmp.resolve(name);
        ResultWriter.write(RunSummarizer.summarize(new RunResult(run.toolVersion(), run.configuration(),
                run.startTime(), run.endTime(), run.benchmarkDurationNanos() / 2, run.streaming(), false, records)), dir);
        return dir;
    }

    @Test
    void plotWritesLegiblePngsAndASelfContainedReport() throws Exception {
        Path out = tmp.resolve("plots");
        CliRun run = CliRun.of("plot", base.toString(), slower.toString(), "--output-dir", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String png : List.of("ttft_over_time.png", "ttft_cdf.png", "itl_cdf.png",
                "latency_vs_output_length.png", "latency_percentiles.png", "throughput.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(image, png);
            assertTrue(image.getWidth() >= 600 && image.getHeight() >= 300, png);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(6, html.split("src=\"data:image/png;base64,", -1).length - 1);
        assertFalse(html.matches("(?s).*(src|href)=\"(?!data:).*") || html.contains("<script")
                || html.contains("<link"), "the report must not fetch anything");
        assertTrue(html.contains("slower vs base base"), "the comparison table is in the report");
    }

    private static Element junitSuite(Path file) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertEquals("testsuites", doc.getDocumentElement().getTagName());
        assertEquals(1, doc.getElementsByTagName("testsuite").getLength());
        return (Element) doc.getElementsByTagName("testsuite").item(0);
    }

    private static Path copy(Path from, String name) throws Exception {
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
