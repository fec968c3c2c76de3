package dev.tokenperf.reports.record;

import dev.tokenperf.reports.json.JsonNumbers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well the load generator itself kept up during the measured phase. A result whose client could not
 * hold its schedule measures the client, not the server, so it is marked {@code client-limited}.
 *
 * <p>The rule ({@link #limitReasons()}): the result is client-limited when, at p99, the send lag or the
 * event-loop lag exceeds the budget, or, in an open loop without a concurrency cap, the schedule lag does.
 * Under a concurrency cap the schedule lag also contains waits for a free slot, which the server causes,
 * so it is reported but not held against the client.
 *
 * @param mode                 {@code concurrency}, {@code request_rate} or {@code fixed_schedule}
 * @param targetRate           the scheduled requests per second, or NaN in closed loop
 * @param achievedRate         measured requests sent per second: (sent - 1) / (last send - first send)
 * @param capped               true when an open loop was capped by {@code --concurrency}
 * @param scheduleLagP99Millis p99 of the {@code schedule_lag} metric; NaN from the load generator, until the
 *                             run's one pass over its records measures it ({@link #withScheduleLagP99})
 * @param sendLagP99Millis     p99 of the client's own dispatch delay: from the moment a request may be sent
 *                             (its intended time, or when a capped slot freed) to the moment its write (or
 *                             connect) starts on an event loop
 * @param eventLoopLagP99Millis p99 lateness of a periodic probe task on every client event loop
 * @param eventLoopLagMaxMillis the largest such lateness
 * @param gcPauses             garbage collections during the measured phase
 * @param gcPauseMillis        their total time
 * @param maxOpenConnections   the most connections open at once
 * @param lagBudgetMillis      the p99 budget ({@code --max-client-lag-ms})
 * @param jit                  the client warmup and the JIT compilation inside the measured window
 */
public record ClientHealth(String mode, double targetRate, double achievedRate, boolean capped,
                           double scheduleLagP99Millis, double sendLagP99Millis, double eventLoopLagP99Millis,
                           double eventLoopLagMaxMillis, long gcPauses, double gcPauseMillis,
                           int maxOpenConnections, double lagBudgetMillis, ClientJit jit) {

    /** Health without the JIT's part (results written before tokenperf measured it). */
    public ClientHealth(String mode, double targetRate, double achievedRate, boolean capped,
                        double scheduleLagP99Millis, double sendLagP99Millis, double eventLoopLagP99Millis,
                        double eventLoopLagMaxMillis, long gcPauses, double gcPauseMillis,
                        int maxOpenConnections, double lagBudgetMillis) {
        this(mode, targetRate, achievedRate, capped, scheduleLagP99Millis, sendLagP99Millis, eventLoopLagP99Millis,
                eventLoopLagMaxMillis, gcPauses, gcPauseMillis, maxOpenConnections, lagBudgetMillis,
                ClientJit.UNMEASURED);
    }

    /**
     * The same health with the schedule lag's p99 as the run's one pass over its records measured it (the load
     * generator knows everything else about its own health, but not that).
     */
    public ClientHealth withScheduleLagP99(double millis) {
        return new ClientHealth(mode, targetRate, achievedRate, capped, millis, sendLagP99Millis,
                eventLoopLagP99Millis, eventLoopLagMaxMillis, gcPauses, gcPauseMillis, maxOpenConnections,
                lagBudgetMillis, jit);
    }

    /** Why the result is client-limited; empty when the client kept up. */
    public List<String> limitReasons() {
        List<String> reasons = new ArrayList<>();
        if (sendLagP99Millis > lagBudgetMillis) {
            reasons.add(String.format(Locale.US, "send lag p99 %.3f ms > budget %.3f ms", sendLagP99Millis,
                    lagBudgetMillis));
        }
        if (eventLoopLagP99Millis > lagBudgetMillis) {
            reasons.add(String.format(Locale.US, "event-loop lag p99 %.3f ms > budget %.3f ms",
                    eventLoopLagP99Millis, lagBudgetMillis));
        }
        if (!"concurrency".equals(mode) && !capped && scheduleLagP99Millis > lagBudgetMillis) {
            reasons.add(String.format(Locale.US, "schedule lag p99 %.3f ms > budget %.3f ms", scheduleLagP99Millis,
                    lagBudgetMillis));
        }
        jit.limitReason().ifPresent(reasons::add);
        return reasons;
    }

    public boolean clientLimited() {
        return !limitReasons().isEmpty();
    }

    /** The JSON shape of {@code profile_export_aiperf.json}'s {@code client_health}. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode);
        m.put("target_request_rate", JsonNumbers.nanAsNull(targetRate));
        m.put("achieved_request_rate", JsonNumbers.nanAsNull(achievedRate));
        m.put("concurrency_capped", capped);
        m.put("schedule_lag_p99_ms", scheduleLagP99Millis);
        m.put("send_lag_p99_ms", sendLagP99Millis);
        m.put("event_loop_lag_p99_ms", eventLoopLagP99Millis);
        m.put("event_loop_lag_max_ms", eventLoopLagMaxMillis);
        m.put("gc_pauses", gcPauses);
        m.put("gc_pause_ms", gcPauseMillis);
        m.put("max_open_connections", maxOpenConnections);
        m.put("lag_budget_ms", lagBudgetMillis);
        m.putAll(jit.asExportMap());
        m.put("status", clientLimited() ? "client-limited" : "ok");
        m.put("reasons", limitReasons());
        return m;
    }

    /** One console line. */
    public String describe() {
        StringBuilder s = new StringBuilder("client health: ");
        if (!Double.isNaN(targetRate)) {
            s.append(String.format(Locale.US, "rate %.2f/%.2f req/s achieved/target, ", achievedRate, targetRate));
        }
        s.append(String.format(Locale.US, "schedule lag p99 %.3f ms, send lag p99 %.3f ms, event-loop lag p99 %.3f ms"
                        + " (max %.3f), GC %d pauses %.1f ms, connections max %d", scheduleLagP99Millis,
                sendLagP99Millis, eventLoopLagP99Millis, eventLoopLagMaxMillis, gcPauses, gcPauseMillis,
                maxOpenConnections));
        s.append(jit.describe()).append(" -> ");
        s.append(clientLimited() ? "CLIENT-LIMITED (" + String.join("; ", limitReasons()) + ")" : "ok");
        return s.toString();
    }
}
