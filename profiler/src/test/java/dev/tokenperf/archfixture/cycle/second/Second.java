package dev.tokenperf.archfixture.cycle.second;

import dev.tokenperf.archfixture.cycle.first.First;

/** The other half of a deliberate package cycle (test-only): second → first. */
public final class Second {
    First back;
}
