package dev.tokenperf.bench;

import dev.tokenperf.reports.load.ResultFormatException;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.record.EmulatorLatenessReport;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.wire.EmulatorLateness;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench-client --cold-start}: fresh {@code tokenperf profile} processes, started as a user starts them
 * ({@link ProfileLauncher}), one per case and repetition, against an emulator in its own process; for each, what
 * it cost (launch to first request, whole-run CPU from {@link ReapedChildCpu}, peak RSS sampled from
 * {@code /proc}) and what it measured (read back from its result directory): a {@link ColdStartRow}.
 */
public final class ColdStartBench {
    /** A process that has not ended by then is killed and the bench fails. */
    private static final long PROCESS_TIMEOUT_SECONDS = 600;
    /** How often the process's peak RSS is read while it runs. */
    private static final long RSS_SAMPLE_MILLIS = 50;

    private final ProfileLauncher launcher;
    private final String url;
    private final String model;
    private final EmulatorProbe emulator;
    private final Path outputDir;
    private final int isl;
    private final int osl;
    private final long truthTtftNanos;
    private final List<String> extraFlags;
    private final PrintWriter out;

    /**
     * @param url            the emulator's base URL
     * @param model          the model name it serves
     * @param emulator       its lateness
     * @param outputDir      where each process's result directory and console log go
     * @param truthTtftNanos the emulator's configured TTFT
     * @param extraFlags     further {@code profile} flags for every process
     */
    public ColdStartBench(ProfileLauncher launcher, String url, String model, EmulatorProbe emulator, Path outputDir,
                          int isl, int osl, long truthTtftNanos, List<String> extraFlags, PrintWriter out) {
        this.launcher = launcher;
        this.url = url;
        this.model = model;
        this.emulator = emulator;
        this.outputDir = outputDir;
        this.isl = isl;
        this.osl = osl;
        this.truthTtftNanos = truthTtftNanos;
        this.extraFlags = List.copyOf(extraFlags);
        this.out = out;
    }

    /**
     * Through the launcher script, one discarded process first (it makes the launcher's class-data archive when
     * there is none, as a user's first run does, and brings the jar into the page cache); then each case
     * {@code runs} times, interleaved, so that a change in the machine's load touches every case alike.
     */
    public List<ColdStartRow> run(List<ColdStartCase> cases, int runs) throws IOException, InterruptedException {
        if (launcher.isScript()) {
            out.println("cold start: priming run (discarded)...");
            out.flush();
            measure(cases.get(0).withRequests(2), 0);
        }
        for (ColdStartCase c : cases) {
            out.println("  " + c.name() + ": " + c.describe());
        }
        out.println(ColdStartRow.header());
        List<ColdStartRow> rows = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (ColdStartCase c : cases) {
                ColdStartRow row = measure(c, run);
                rows.add(row);
                out.println(row.row());
                out.flush();
            }
        }
        return rows;
    }

    private ColdStartRow measure(ColdStartCase c, int run) throws IOException, InterruptedException {
        Path dir = outputDir.resolve(c.name() + "-" + run);
        deleteTree(dir);
        Files.createDirectories(outputDir);
        Path log = outputDir.resolve(c.name() + "-" + run + ".log");
        List<String> command = launcher.command(c.profileArgs(url, model, dir, isl, osl, extraFlags));
        EmulatorLateness lateBefore = emulator.lateness();
        long cpuBefore = ReapedChildCpu.nanos();
        Instant launched = Instant.now();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        double peakRssMib = waitSamplingPeakRss(process);
        long cpu = cpuBefore < 0 ? -1 : ReapedChildCpu.nanos() - cpuBefore;
        EmulatorLateness lateAfter = lateBefore == null ? null : emulator.lateness();
        EmulatorLateness late = lateAfter == null ? null : lateAfter.minus(lateBefore);
        double serverLateP50 = late == null ? Double.NaN
                : EmulatorLatenessReport.of(late.firstChunkNanos(), late.laterChunksNanos()).first().p50();
        if (!Files.exists(dir.resolve(ResultFiles.SUMMARY_JSON))) {
            throw new IOException("profile exited with " + process.exitValue() + " and wrote no result; the end of "
                    + "its output (" + log + "): " + tail(log) + "; its command: " + String.join(" ", command));
        }
        try {
            RunResult result = ResultReader.read(dir).result();
            return ColdStartRow.of(c.name(), run, launched, result, cpu, truthTtftNanos, serverLateP50, peakRssMib);
        } catch (ResultFormatException e) {
            throw new IOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the process to end, reading its peak RSS ({@code VmHWM}) meanwhile; NaN where there is no /proc. */
    private static double waitSamplingPeakRss(Process process) throws IOException, InterruptedException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        double peak = Double.NaN;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_TIMEOUT_SECONDS);
        while (!process.waitFor(RSS_SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
            double sample = PeakRss.mib(status);
            if (!Double.isNaN(sample)) {
                peak = Double.isNaN(peak) ? sample : Math.max(peak, sample);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("a profile process ran longer than " + PROCESS_TIMEOUT_SECONDS + " s");
            }
        }
        return peak;
    }

    /** The last lines of a process's console log, joined, for an error message. */
    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
