package dev.tokenperf.reports.compare;

import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.SavedPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What two results must share to be compared, merged or plotted together: the workload's specification, read
 * from each run's typed plan. That is the endpoint type and streaming and what every request carries; the
 * ISL/OSL distribution (or, for a dataset or trace, the prompt set's content hash); the tokenizer; the load
 * shape; the shared-prefix settings. Random seeds are not part of it: two runs of one command line draw
 * different prompt texts and arrival times from one specification, which is a note, not a difference.
 */
public final class WorkloadSpec {

    /**
     * @param differences one line per differing field of the specification, e.g. {@code "isl: 100 vs 200"}
     * @param notes       what differs without changing the specification (seeds, hence prompt texts)
     */
    public record Match(List<String> differences, List<String> notes) {
        public Match {
            differences = List.copyOf(differences);
            notes = List.copyOf(notes);
        }

        public boolean same() {
            return differences.isEmpty();
        }
    }

    /** Fields a sweep varies on purpose. */
    private static final Set<String> SWEEP_AXES = Set.of("concurrency", "request rate");

    private WorkloadSpec() {
    }

    /** How {@code second}'s workload specification differs from {@code first}'s. */
    public static Match match(SavedResult first, SavedResult second) {
        SavedPlan a;
        SavedPlan b;
        try {
            a = first.plan();
            b = second.plan();
        } catch (IllegalArgumentException e) {
            return new Match(List.of("a saved plan cannot be read (" + e.getMessage() + ")"), List.of());
        }
        return match(a, b);
    }

    /** How {@code second}'s workload specification differs from {@code first}'s. */
    public static Match match(SavedPlan first, SavedPlan second) {
        Map<String, Object> left = fields(first);
        Map<String, Object> right = fields(second);
        Set<String> names = new LinkedHashSet<>(left.keySet());
        names.addAll(right.keySet());
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(left.get(name), right.get(name))) {
                differences.add(name + ": " + shorten(left.getOrDefault(name, "none")) + " vs "
                        + shorten(right.getOrDefault(name, "none")));
            }
        }
        List<String> notes = new ArrayList<>();
        long seedA = first.plan().workload().seed();
        long seedB = second.plan().workload().seed();
        if (seedA != seedB) {
            notes.add("random seeds differ (" + seedA + " vs " + seedB + "): the prompts and schedules are "
                    + "different draws from the same specification");
        } else if (!Objects.equals(first.facts().promptSetSha256(), second.facts().promptSetSha256())
                && left.containsKey("isl")) {
            notes.add("prompt set hashes differ (" + shorten(first.facts().promptSetSha256()) + " vs "
                    + shorten(second.facts().promptSetSha256()) + ") with the same specification and seed");
        }
        return new Match(differences, notes);
    }

    /**
     * Throws when any result's specification differs from the first's.
     *
     * @param verb  what the caller does with them, for the message ({@code merge}, {@code plot})
     * @param sweep whether the load level (concurrency, request rate) may differ: the axis of a sweep's charts
     * @throws IllegalArgumentException naming each difference
     */
    public static void requireSame(List<SavedResult> results, String verb, boolean sweep) {
        SavedResult first = results.get(0);
        for (SavedResult other : results.subList(1, results.size())) {
            List<String> differences = match(first, other).differences().stream()
                    .filter(d -> !sweep || !SWEEP_AXES.contains(d.substring(0, d.indexOf(':'))))
                    .toList();
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException(first.dir() + " and " + other.dir() + " ran different workloads ("
                        + String.join("; ", differences) + "); pass --allow-different-workloads to " + verb
                        + " anyway");
            }
        }
    }

    private static Map<String, Object> fields(SavedPlan saved) {
        RunPlan plan = saved.plan();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("endpoint type", plan.endpoint().type().option());
        f.put("streaming", plan.endpoint().streaming());
        f.put("extra inputs", plan.endpoint().extraInputs());
        f.put("prompts", saved.facts().promptSource());
        if (saved.facts().synthetic()) {
            var w = plan.workload();
            f.put("isl", saved.islSaved() ? w.isl() : "none");
            f.put("isl stddev", w.islStddev());
            f.put("seq dist", w.seqDist() == null ? "none" : w.seqDist());
            f.put("shared prefix tokens", w.sharedPrefixTokens());
            f.put("prefix prompts", w.sharedPrefixTokens() == 0 ? "none" : w.prefixPromptCount());
        } else {
            // a dataset's or trace's prompts are the content; the hash tells two files apart
            f.put("prompt set hash", saved.facts().promptSetSha256());
        }
        f.put("osl", plan.workload().osl() < 0 ? "server default" : plan.workload().osl());
        f.put("osl stddev", plan.workload().oslStddev());
        f.put("tokenizer", saved.facts().tokenizerName() == null ? "none" : saved.facts().tokenizerName());
        load(plan.load(), f);
        return f;
    }

    /** The load shape without its schedule seed. */
    private static void load(LoadModel load, Map<String, Object> f) {
        f.put("load mode", load.mode());
        f.put("concurrency", load.concurrency());
        f.put("concurrency capped", load.concurrencyCapped());
        if (load instanceof LoadModel.ClosedLoop closed) {
            f.put("concurrency ramp seconds", closed.rampSeconds());
        } else if (load instanceof LoadModel.OpenLoop open) {
            f.put("request rate", open.rate());
            f.put("arrival pattern", open.pattern().option());
            f.put("arrival smoothness", open.smoothness());
            f.put("request rate ramp seconds", open.rampSeconds());
        } else if (load instanceof LoadModel.TraceReplay trace) {
            f.put("trace entries", trace.entries());
            f.put("trace speedup", trace.speedup());
        }
    }

    // hashes are 64 hex digits; 12 tell them apart in a one-line message
    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > 16 && text.matches("[0-9a-f]+") ? text.substring(0, 12) + "..." : text;
    }
}
