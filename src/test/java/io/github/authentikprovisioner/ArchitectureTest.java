package io.github.authentikprovisioner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import jakarta.ws.rs.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package layout, kept true: one room per recipe (feature packages that never depend on each other), shared
 * building blocks that depend on no feature, no cycle between packages, and resources that nothing calls. Run alone
 * with {@code ./mvnw test -Dtest=ArchitectureTest}.
 */
class ArchitectureTest {

    private static final String BASE = "io.github.authentikprovisioner";
    /** One recipe (or one kind of request) each: its request, desired state, service, answers and resource. */
    private static final List<String> FEATURES = List.of("forwardauth", "servarr", "oidc", "login", "security",
            "invitations", "email", "desiredstate", "outposthealth", "protectedapp", "bootstrap", "admins");
    /** What every feature builds on; none of these may know a feature. */
    private static final List<String> SHARED = List.of("recipes", "reconcile", "authentik", "outpost", "traefik",
            "config", "api", "mail");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(main);
    }

    static List<String> features() {
        return FEATURES;
    }

    @ParameterizedTest
    @MethodSource("features")
    void aFeatureDependsOnNoOtherFeature(String feature) {
        String[] others = FEATURES.stream().filter(f -> !f.equals(feature)).map(f -> BASE + "." + f + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage(BASE + "." + feature + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others).check(main);
    }

    @Test
    void sharedBuildingBlocksDependOnNoFeature() {
        noClasses().that().resideInAnyPackage(packages(SHARED))
                .should().dependOnClassesThat().resideInAnyPackage(packages(FEATURES)).check(main);
    }

    @Test
    void resourcesAreCalledByNobody() {
        DescribedPredicate<JavaClass> resources = DescribedPredicate.describe("are JAX-RS resources",
                c -> c.isAnnotatedWith(Path.class) && !c.isInterface());
        noClasses().that().areNotAnnotatedWith(Path.class).should().dependOnClassesThat(resources).check(main);
    }

    @Test
    void theEmulatorIsUsedByNoProductionCode() {
        noClasses().that().resideOutsideOfPackage(BASE + ".emulator..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".emulator..").check(main);
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(n -> BASE + "." + n + "..").toArray(String[]::new);
    }
}
