package dev.tokenperf.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The allowed arrows between tokenperf's packages (ARCHITECTURE.md), each written once. {@link ArchitectureTest}
 * checks them against the main classes of every module; {@link ArchitectureRulesCanFailTest} checks that each
 * one reports a deliberately bad fixture class.
 */
final class ArchitectureRules {

    private static final String REPORTS = "dev.tokenperf.reports..";
    private static final String WORKLOADS = "dev.tokenperf.workloads..";
    /** The client side of a request: the Netty client and the trace that measures each request. */
    private static final String[] CLIENT = {"dev.tokenperf.client..", "dev.tokenperf.measure.."};
    /** What the client must not know: who drives it, who configures it, and the server it may talk to. */
    private static final String[] ABOVE_OR_BESIDE_THE_CLIENT = {"dev.tokenperf.cli..", "dev.tokenperf.load..",
            "dev.tokenperf.profile..", "dev.tokenperf.emulator..", "dev.tokenperf.bench..", "dev.tokenperf.stages.."};

    /** reports and workloads are the profiler's plain-Java base: files, numbers and prompts, no sockets. */
    static final ArchRule REPORTS_AND_WORKLOADS_STAY_PLAIN = noClasses()
            .that().resideInAnyPackage(REPORTS, WORKLOADS)
            .should().dependOnClassesThat(resideInAnyPackage("io.netty..", "picocli..")
                    .or(resideInAnyPackage("dev.tokenperf..").and(not(resideInAnyPackage(REPORTS, WORKLOADS))))
                    .as("Netty, picocli or the profiler module"))
            .because("reports and workloads never depend on Netty, picocli or the profiler");

    /** The client measures requests; what sends them, and to which server, is decided above it. */
    static final ArchRule CLIENT_KNOWS_NOTHING_ABOVE_IT = noClasses()
            .that().resideInAnyPackage(CLIENT)
            .should().dependOnClassesThat().resideInAnyPackage(ABOVE_OR_BESIDE_THE_CLIENT)
            .because("the client never depends on the CLI, load, profile or the emulator");

    private static final String[] SHARED_GROUND =
            {"dev.tokenperf.transport..", "dev.tokenperf.wire..", "dev.tokenperf.time.."};

    /** The emulator is a server: it shares the transport and wire types with the client, never its code. */
    static final ArchRule EMULATOR_KNOWS_NOTHING_OF_THE_CLIENT = noClasses()
            .that().resideInAnyPackage("dev.tokenperf.emulator..")
            .should().dependOnClassesThat().resideInAnyPackage(CLIENT)
            .because("the emulator never depends on the client");

    /** transport, wire and time are the neutral ground the client, the emulator and the stage collector share. */
    static final ArchRule SHARED_GROUND_DEPENDS_ON_NO_FEATURE = noClasses()
            .that().resideInAnyPackage(SHARED_GROUND)
            .should().dependOnClassesThat(resideInAnyPackage("dev.tokenperf..")
                    .and(not(resideInAnyPackage(SHARED_GROUND))))
            .because("both sides of a connection use them, so they can use neither side");

    /**
     * The Kubernetes client (and its Jackson 3) is a large library that only {@code tokenperf kube} needs: the
     * commands call {@code kube} with plain values, so it loads only when they run and nothing else depends on it.
     */
    static final ArchRule ONLY_KUBE_SEES_KUBERNETES = noClasses()
            .that().resideOutsideOfPackage("dev.tokenperf.kube..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..")
            .because("only dev.tokenperf.kube talks to Kubernetes");

    /** Every package is a slice; an arrow back to where it came from is a cycle. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.tokenperf.(**)")
            .should().beFreeOfCycles()
            .because("a package cycle is one feature split in two");

    private ArchitectureRules() {
    }
}
