package dev.tokenperf.bench;

import dev.tokenperf.load.LoadCounters;
import dev.tokenperf.profile.ProfileRunner;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.workloads.prompt.PromptSet;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench-client --soak}: one long closed-loop run at moderate load, and every few seconds the heap in use
 * after a GC, the process's open file descriptors and the size of its record spill, to see what leaks over time.
 * The heap and the descriptors must stay flat; the spill holds every record until the run ends, so it grows by
 * design, and its figure per record is what to watch. Linux only (it reads {@code /proc/self/fd}); run by hand,
 * not in CI.
 */
public final class SoakBench {
    private static final Path FDS = Path.of("/proc/self/fd");

    private final PromptSet prompts;
    private final long sampleMillis;
    private final PrintWriter out;

    public SoakBench(PromptSet prompts, long sampleMillis, PrintWriter out) {
        this.prompts = prompts;
        this.sampleMillis = sampleMillis;
        this.out = out;
    }

    /** Runs {@code plan} (a time-limited closed loop) while sampling; prints the series and returns true if flat. */
    public boolean run(RunPlan plan) throws InterruptedException {
        SoakSeries heap = new SoakSeries("heap after GC", "MiB", 0.10, 8);
        SoakSeries fds = new SoakSeries("open file descriptors", "", 0.10, 8);
        SoakSeries spill = new SoakSeries("record spill", "MiB", 0, 0);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        LoadCounters counters = new LoadCounters();
        Thread sampler = new Thread(() -> sample(memory, heap, fds, spill), "tokenperf-soak-sampler");
        sampler.setDaemon(true);
        sampler.start();
        RunResult result;
        try {
            result = new ProfileRunner().run(plan, ClientBench.inputs(prompts), counters);
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        long records = result.records().size();
        long failed = result.records().stream().filter(r -> !r.succeeded()).count();
        out.printf(Locale.US, "soak: %d requests at concurrency %d, %d failed%n", records,
                plan.load().concurrency(), failed);
        for (SoakSeries s : List.of(heap, fds, spill)) {
            out.println("  " + s.describe());
        }
        boolean flat = !heap.growing() && !fds.growing();
        out.println("  verdict: " + (flat ? "flat (heap and descriptors)" : "GROWING") + "; the spill grows with "
                + "the records by design");
        out.flush();
        return flat && failed == 0;
    }

    private void sample(MemoryMXBean memory, SoakSeries heap, SoakSeries fds, SoakSeries spill) {
        try {
            while (true) {
                Thread.sleep(sampleMillis);
                System.gc(); // heap after GC is the figure
                heap.add(memory.getHeapMemoryUsage().getUsed() / 1048576.0);
                long[] files = openFiles();
                fds.add(files[0]);
                spill.add(files[1] / 1048576.0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The number of open descriptors, and the bytes of the record spill among them (its name is unlinked). */
    private static long[] openFiles() {
        long count = 0;
        long spillBytes = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                count++;
                try {
                    if (Files.readSymbolicLink(fd).getFileName().toString().startsWith(RecordSpill.PREFIX)) {
                        spillBytes += Files.size(fd);
                    }
                } catch (IOException e) {
                    // closed between the listing and the look: not open any more
                }
            }
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
        return new long[] {count, spillBytes};
    }
}
