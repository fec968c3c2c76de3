package dev.tokenperf.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rule of {@link ArchitectureRules} run over test-only fixture classes that break it on purpose: the rule
 * must report the fixture's forbidden dependencies, so {@link ArchitectureTest} passing means something.
 */
class ArchitectureRulesCanFailTest {

    @Test
    void reportsUsingNettyOrTheProfilerAreReported() {
        assertReports(ArchitectureRules.REPORTS_AND_WORKLOADS_STAY_PLAIN, "dev.tokenperf.reports.archfixture",
                "<io.netty.buffer.ByteBuf>", "<dev.tokenperf.profile.ProfileRunner>");
    }

    @Test
    void workloadsUsingPicocliAreReported() {
        assertReports(ArchitectureRules.REPORTS_AND_WORKLOADS_STAY_PLAIN, "dev.tokenperf.workloads.archfixture",
                "<picocli.CommandLine>");
    }

    @Test
    void aClientUsingTheCliLoadProfileOrEmulatorIsReported() {
        assertReports(ArchitectureRules.CLIENT_KNOWS_NOTHING_ABOVE_IT, "dev.tokenperf.client.archfixture",
                "<dev.tokenperf.cli.Main>", "<dev.tokenperf.load.ClosedLoopDriver>",
                "<dev.tokenperf.profile.ProfileRunner>", "<dev.tokenperf.emulator.EmulatorServer>");
    }

    @Test
    void anEmulatorUsingTheClientIsReported() {
        assertReports(ArchitectureRules.EMULATOR_KNOWS_NOTHING_OF_THE_CLIENT, "dev.tokenperf.emulator.archfixture",
                "<dev.tokenperf.client.NettyClient>");
    }

    @Test
    void sharedTransportUsingOneSideIsReported() {
        assertReports(ArchitectureRules.SHARED_GROUND_DEPENDS_ON_NO_FEATURE, "dev.tokenperf.transport.archfixture",
                "<dev.tokenperf.emulator.EmulatorServer>");
    }

    @Test
    void kubernetesOutsideKubeIsReported() {
        assertReports(ArchitectureRules.ONLY_KUBE_SEES_KUBERNETES, "dev.tokenperf.cli.archfixture",
                "<io.fabric8.kubernetes.api.model.batch.v1.Job>");
    }

    @Test
    void aPackageCycleIsReported() {
        assertReports(ArchitectureRules.NO_PACKAGE_CYCLES, "dev.tokenperf.archfixture.cycle",
                "archfixture.cycle.first", "archfixture.cycle.second");
    }

    /** The rule fails over the fixture package, naming every forbidden dependency the fixture has. */
    private static void assertReports(ArchRule rule, String fixturePackage, String... forbidden) {
        JavaClasses fixtures = new ClassFileImporter().importPackages(fixturePackage);
        EvaluationResult result = rule.evaluate(fixtures);
        assertTrue(result.hasViolation(), rule.getDescription() + " passed over " + fixturePackage);
        List<String> details = result.getFailureReport().getDetails();
        String report = String.join("\n", details);
        for (String target : forbidden) {
            assertTrue(report.contains(target), "no violation names " + target + " in:\n" + report);
        }
    }
}
