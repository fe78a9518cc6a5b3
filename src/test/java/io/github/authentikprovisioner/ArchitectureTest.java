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
    private static final List<String> SHARED = List.of("recipes", "reconcile", "authentik", "outpost", "traefik", "access",
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

    /** A session's snapshot cache is the session's own: nothing else reads or invalidates it. */
    @Test
    void onlyTheSessionUsesTheSnapshotCache() {
        noClasses().that().doNotHaveFullyQualifiedName(BASE + ".authentik.AuthentikSession")
                .and().doNotHaveFullyQualifiedName(BASE + ".authentik.Snapshots")
                .and().resideOutsideOfPackage(BASE + ".authentik")
                .should().dependOnClassesThat().haveNameMatching(".*\\.Snapshots(\\$.*)?").check(main);
        noClasses().that().resideInAPackage(BASE + ".authentik")
                .and().doNotHaveFullyQualifiedName(BASE + ".authentik.AuthentikSession")
                .and().haveNameNotMatching(".*\\.Snapshots(\\$.*)?")
                .should().dependOnClassesThat().haveNameMatching(".*\\.Snapshots(\\$.*)?").check(main);
    }

    /** The engine's locks are its own: no one outside reconcile/ takes or builds one. */
    @Test
    void nothingButTheEngineTakesItsLocks() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods().that()
                .areDeclaredIn(io.github.authentikprovisioner.reconcile.Reconciler.class).and().arePublic()
                .should().haveNameMatching("exclusively|.*[Ll]ock.*").check(main);
        noClasses().that().resideOutsideOfPackage(BASE + ".reconcile..")
                .should().dependOnClassesThat().haveNameMatching(".*\\.Locks\\$Key").check(main);
    }

    /** A 409 is a member of the one sealed family, mapped once; no other exception of ours stands for a conflict. */
    @Test
    void conflictsOnlyThroughTheSealedFamily() {
        noClasses().that().resideInAPackage(BASE + "..").and().areAssignableTo(RuntimeException.class)
                .and().areNotAssignableTo(io.github.authentikprovisioner.reconcile.Conflict.class)
                .should().haveSimpleNameContaining("Conflict").check(main);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods().that()
                .areAnnotatedWith(org.jboss.resteasy.reactive.server.ServerExceptionMapper.class)
                .should().haveRawReturnType(org.jboss.resteasy.reactive.RestResponse.class).check(main);
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(n -> BASE + "." + n + "..").toArray(String[]::new);
    }
}
