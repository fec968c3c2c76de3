package dev.tokenperf.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of ARCHITECTURE.md over the main classes of workloads, reports and profiler (all three are
 * on the profiler's test class path); test classes, fixtures included, are left out.
 */
@AnalyzeClasses(packages = "dev.tokenperf", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule reportsAndWorkloadsStayPlain = ArchitectureRules.REPORTS_AND_WORKLOADS_STAY_PLAIN;

    @ArchTest
    static final ArchRule clientKnowsNothingAboveIt = ArchitectureRules.CLIENT_KNOWS_NOTHING_ABOVE_IT;

    @ArchTest
    static final ArchRule emulatorKnowsNothingOfTheClient = ArchitectureRules.EMULATOR_KNOWS_NOTHING_OF_THE_CLIENT;

    @ArchTest
    static final ArchRule sharedGroundDependsOnNoFeature = ArchitectureRules.SHARED_GROUND_DEPENDS_ON_NO_FEATURE;

    @ArchTest
    static final ArchRule onlyKubeSeesKubernetes = ArchitectureRules.ONLY_KUBE_SEES_KUBERNETES;

    @ArchTest
    static final ArchRule noPackageCycles = ArchitectureRules.NO_PACKAGE_CYCLES;
}
