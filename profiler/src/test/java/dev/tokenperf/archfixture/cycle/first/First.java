package dev.tokenperf.archfixture.cycle.first;

import dev.tokenperf.archfixture.cycle.second.Second;

/** One half of a deliberate package cycle (test-only): first → second. */
public final class First {
    Second next;
}
