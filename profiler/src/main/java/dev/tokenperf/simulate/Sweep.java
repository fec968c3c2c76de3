package dev.tokenperf.simulate;

import dev.tokenperf.reports.metrics.KneeFinder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A set of simulations over increasing arrival rates, one curve per configuration (a serving mode, or a
 * prefill rate), with what each curve shows: its knee, by the rule {@code profile} sweeps use
 * ({@link KneeFinder}, on TTFT p90 and throughput), and the pool that saturates first with the rate at
 * which it does (ρ = 1 for the pool with the highest offered load).
 *
 * @param curves each curve's label and its results in rate order
 */
public record Sweep(Map<String, List<SimulationResult>> curves) {
    public Sweep {
        Map<String, List<SimulationResult>> copy = new LinkedHashMap<>();
        curves.forEach((label, results) -> copy.put(label, List.copyOf(results)));
        curves = copy;
    }

    /** Runs each configuration at each rate. */
    public static Sweep run(Map<String, SimulationConfig> configs, List<Double> rates) {
        List<Double> sorted = rates.stream().sorted().toList();
        Map<String, List<SimulationResult>> curves = new LinkedHashMap<>();
        configs.forEach((label, config) -> {
            List<SimulationResult> curve = new ArrayList<>();
            for (double rate : sorted) {
                curve.add(Simulator.run(config.withRate(rate)));
            }
            curves.put(label, curve);
        });
        return new Sweep(curves);
    }

    /** Every result, curve after curve. */
    public List<SimulationResult> results() {
        return curves.values().stream().flatMap(List::stream).toList();
    }

    /** The rate at the knee of a curve, or NaN when it has none within the swept rates. */
    public static double kneeRate(List<SimulationResult> curve) {
        double[] p90 = curve.stream().mapToDouble(r -> r.ttft().p90Ms()).toArray();
        double[] throughput = curve.stream().mapToDouble(SimulationResult::throughputPerSecond).toArray();
        OptionalInt knee = KneeFinder.find(p90, throughput);
        return knee.isPresent() ? curve.get(knee.getAsInt()).config().arrivals().ratePerSecond() : Double.NaN;
    }

    /** The rate at which a curve's bottleneck pool reaches ρ = 1 (offered load grows linearly with rate). */
    public static double saturationRate(List<SimulationResult> curve) {
        SimulationResult first = curve.get(0);
        return first.config().arrivals().ratePerSecond() / first.bottleneck().offeredLoad();
    }

    /** One line per curve: its knee and which pool saturates first, at what rate. */
    public List<String> findings() {
        List<String> lines = new ArrayList<>();
        curves.forEach((label, curve) -> {
            double knee = kneeRate(curve);
            lines.add(String.format(Locale.US, "%s: %s; %s saturates first at λ ≈ %s/s", label,
                    Double.isNaN(knee) ? "no knee within the swept rates" : "knee at λ = " + SimulationTable.fmt(knee)
                            + "/s", curve.get(0).bottleneck().name(), SimulationTable.fmt(saturationRate(curve))));
        });
        return lines;
    }

    /** The findings as data, for the JSON file. */
    public Map<String, Object> findingsJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("knee_rule", KneeFinder.RULE.replace("output token throughput", "throughput"));
        curves.forEach((label, curve) -> {
            Map<String, Object> curveJson = new LinkedHashMap<>();
            double knee = kneeRate(curve);
            curveJson.put("knee_rate_per_s", Double.isNaN(knee) ? null : knee);
            curveJson.put("saturated_pool", curve.get(0).bottleneck().name());
            curveJson.put("saturation_rate_per_s", saturationRate(curve));
            json.put(label, curveJson);
        });
        return json;
    }
}
