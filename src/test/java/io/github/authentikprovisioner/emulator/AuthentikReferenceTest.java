package io.github.authentikprovisioner.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authentik files the emulator reads stay out of this repository; {@code scripts/verify-authentik-reference.sh}
 * holds them to the release they were pinned at ({@code scripts/authentik-reference.sha256}), and
 * {@code scripts/fetch-authentik-reference.sh} installs only files that pass it. Offline: the copies here come from
 * the reference directory of this build, and the fetch reads them through a {@code file://} URL instead of GitHub.
 */
class AuthentikReferenceTest {

    /** The directory the build and the emulator read (pom.xml: authentik.reference.dir). */
    private static final Path REFERENCE = Path.of(System.getProperty("emulator.shared-dir", "../shared/authentik"));
    private static final String FETCH = "scripts/fetch-authentik-reference.sh";

    @TempDir
    Path dir;

    @Test
    void theReferenceFilesOfThisBuildAreThePinnedOnes() throws Exception {
        Result r = run("scripts/verify-authentik-reference.sh", REFERENCE.toString());
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("match authentik 2026.2.2 (28 files)");
    }

    @Test
    void aChangedByteInTheSchemaIsRefused() throws Exception {
        Path copy = copyOfReference(dir.resolve("authentik"));
        byte[] schema = Files.readAllBytes(copy.resolve("schema.yml"));
        schema[schema.length / 2] ^= 1;
        Files.write(copy.resolve("schema.yml"), schema);

        Result r = run("scripts/verify-authentik-reference.sh", copy.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("differs from authentik 2026.2.2's: schema.yml").contains(FETCH);
    }

    @Test
    void aChangedMissingOrExtraBlueprintIsRefused() throws Exception {
        Path copy = copyOfReference(dir.resolve("authentik"));
        Files.writeString(copy.resolve("blueprints/default/default-brand.yaml"), "\n", StandardOpenOption.APPEND);
        Files.delete(copy.resolve("blueprints/system/bootstrap.yaml"));
        Files.writeString(copy.resolve("blueprints/default/mine.yaml"), "version: 1\n");

        Result r = run("scripts/verify-authentik-reference.sh", copy.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("differs from authentik 2026.2.2's: blueprints/default/default-brand.yaml")
                .contains("missing: blueprints/system/bootstrap.yaml")
                .contains("not authentik 2026.2.2's (the emulator would apply it): blueprints/default/mine.yaml");
    }

    @Test
    void noReferenceDirectoryNamesTheFetchCommand() throws Exception {
        Result r = run("scripts/verify-authentik-reference.sh", dir.resolve("nowhere").toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("authentik reference files missing").contains(FETCH);
    }

    @Test
    void theFetchInstallsThePinnedFilesAndRefusesOthersLeavingTheDirectoryAsItWas() throws Exception {
        Path source = copyOfReference(dir.resolve("upstream"));
        Path target = dir.resolve("fetched");
        Map<String, String> offline = Map.of("AUTHENTIK_REFERENCE_URL", source.toUri().toString(),
                "REFERENCE_SCHEMAS_FROM", io.github.authentikprovisioner.SharedFiles.DIR.toAbsolutePath().toString());
        Result fetched = run(offline, FETCH, target.toString());
        assertThat(fetched.exit).as(fetched.output).isZero();
        assertThat(run("scripts/verify-authentik-reference.sh", target.toString()).exit).isZero();
        // and, next to it, the two public schemas the deployment tests validate against
        assertThat(dir.resolve("compose/compose-spec.schema.json")).hasSameBinaryContentAs(
                io.github.authentikprovisioner.SharedFiles.required("compose/compose-spec.schema.json"));
        assertThat(dir.resolve("traefik/traefik-v3-file-provider.schema.json")).hasSameBinaryContentAs(
                io.github.authentikprovisioner.SharedFiles.required("traefik/traefik-v3-file-provider.schema.json"));

        // a schema that is not the pinned one is refused
        Path mirror = dir.resolve("mirror");
        Files.createDirectories(mirror.resolve("compose"));
        Files.writeString(mirror.resolve("compose/compose-spec.schema.json"), "{}");
        Files.delete(dir.resolve("compose/compose-spec.schema.json"));
        Result schema = run(Map.of("AUTHENTIK_REFERENCE_URL", source.toUri().toString(), "REFERENCE_SCHEMAS_FROM",
                mirror.toString()), FETCH, target.toString());
        assertThat(schema.exit).isNotZero();
        assertThat(schema.output).contains("refused").contains("compose-spec");
        assertThat(dir.resolve("compose/compose-spec.schema.json")).doesNotExist();

        // a tampered upstream: nothing installed, the target keeps its files
        Path other = dir.resolve("other");
        Files.createDirectories(other.resolve("blueprints"));
        Files.writeString(other.resolve("schema.yml"), "kept\n");
        Files.writeString(source.resolve("schema.yml"), "openapi: 3.0.3\n");
        Result refused = run(offline, FETCH, other.toString());
        assertThat(refused.exit).isNotZero();
        assertThat(refused.output).contains("differs from authentik 2026.2.2's: schema.yml");
        assertThat(Files.readString(other.resolve("schema.yml"))).isEqualTo("kept\n");
    }

    private static Path copyOfReference(Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(REFERENCE.resolve("schema.yml"), to.resolve("schema.yml"));
        for (String folder : List.of("system", "default")) {
            Path from = REFERENCE.resolve("blueprints").resolve(folder);
            Path into = Files.createDirectories(to.resolve("blueprints").resolve(folder));
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, into.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String script, String argument) throws Exception {
        return run(Map.of(), script, argument);
    }

    private static Result run(Map<String, String> env, String script, String argument) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script, argument).redirectErrorStream(true);
        pb.environment().remove("AUTHENTIK_REFERENCE_DIR");
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
