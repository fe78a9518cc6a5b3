package io.github.authentikprovisioner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parts of the example scripts that need no running service: every example carries the same provisioner client,
 * and the awk program in it reads JSON right with every awk at hand (mawk on Debian, busybox in Alpine images, gawk).
 */
class ExampleScriptsTest {

    private static final List<Path> EXAMPLES = List.of(ExampleHooksTest.NEXTCLOUD_HOOK, ExampleHooksTest.IMMICH_SCRIPT);
    private static final String BEGIN = "# >>> provisioner client";
    private static final String END = "# <<< provisioner client";

    @Test
    void everyExampleCarriesTheSameProvisionerClient() throws IOException {
        String first = clientBlock(EXAMPLES.getFirst());
        assertThat(first).contains("provisioner_post()", "JSON_AWK=");
        for (Path example : EXAMPLES) {
            assertThat(clientBlock(example)).as(example.toString()).isEqualTo(first);
            assertThat(Files.getPosixFilePermissions(example)).as("%s is executable", example)
                    .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        }
    }

    /** Every awk program found on this machine; at least the default one. */
    static Stream<List<String>> awks() {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("awk"));
        for (String name : List.of("mawk", "gawk", "busybox")) {
            if (onPath(name)) {
                out.add(name.equals("busybox") ? List.of("busybox", "awk") : List.of(name));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awks")
    void leavesAreDecodedOnePerLineInDocumentOrder(List<String> awk) throws Exception {
        String doc = """
                {"status": "created", "n": -1.5e3, "ok": true, "no": false, "none": null, "empty": [], "obj": {},
                 "setup": {"app": "user_oidc", "commands": [["php", "occ", "a b", "--x=\\"q\\" \\\\ \\/"],
                   ["php", "occ", "", "caf\\u00e9 \\ud83d\\ude00 é"]]}}
                """;
        Result all = run(awk, "", "", doc);
        assertThat(all.exit).as(all.err).isZero();
        assertThat(all.out).isEqualTo("""
                status\tcreated
                n\t-1.5e3
                ok\ttrue
                no\tfalse
                none\tnull
                setup.app\tuser_oidc
                setup.commands.0.0\tphp
                setup.commands.0.1\tocc
                setup.commands.0.2\ta b
                setup.commands.0.3\t--x="q" \\ /
                setup.commands.1.0\tphp
                setup.commands.1.1\tocc
                setup.commands.1.2\t
                setup.commands.1.3\tcafé 😀 é
                """);
        assertThat(run(awk, "setup.commands.1.", "", doc).out).isEqualTo("""
                setup.commands.1.0\tphp
                setup.commands.1.1\tocc
                setup.commands.1.2\t
                setup.commands.1.3\tcafé 😀 é
                """);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awks")
    void rawGivesAValueAsItsJsonText(List<String> awk) throws Exception {
        String doc = "{\"setup\": {\"configFile\": {\"oauth\": {\"enabled\": true, \"clientId\": \"a\\\"b\"}}}}";
        Result oauth = run(awk, "", "setup.configFile.oauth", doc);
        assertThat(oauth.exit).as(oauth.err).isZero();
        assertThat(oauth.out).isEqualTo("{\"enabled\": true, \"clientId\": \"a\\\"b\"}\n");
        assertThat(run(awk, "", "setup.nothing", doc).exit).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awks")
    void brokenJsonPrintsNothingAndFails(List<String> awk) throws Exception {
        for (String broken : List.of("", "{\"a\": 1", "{\"a\" 1}", "[1,]", "{} x", "<html>", "{\"a\": \"\\q\"}",
                "{\"a\": \"\\u0000\"}", "{\"a\": \"\\ud800\"}")) {
            Result r = run(awk, "", "", broken);
            assertThat(r.exit).as("'%s'", broken).isEqualTo(2);
            assertThat(r.out).as("'%s'", broken).isEmpty();
            assertThat(r.err).as("'%s'", broken).startsWith("invalid JSON: ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awks")
    void aLineBreakInAValueItPrintsFailsButNotInOthers(List<String> awk) throws Exception {
        String doc = "{\"detail\": \"two\\nlines\", \"title\": \"Service Unavailable\"}";
        assertThat(run(awk, "detail", "", doc).exit).isEqualTo(2);
        assertThat(run(awk, "title", "", doc).out).isEqualTo("title\tService Unavailable\n");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> awk, String prefix, String raw, String input) throws Exception {
        List<String> command = new ArrayList<>(awk);
        command.addAll(List.of("-v", "prefix=" + prefix, "-v", "raw=" + raw, program()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        Path in = Files.createTempFile("json", ".txt");
        try {
            Files.writeString(in, input);
            Process p = builder.redirectInput(in.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new Result(p.exitValue(), out, err);
        } finally {
            Files.delete(in);
        }
    }

    /** The awk program between {@code JSON_AWK='} and its closing quote. */
    private static String program() throws IOException {
        String block = clientBlock(EXAMPLES.getFirst());
        int start = block.indexOf("JSON_AWK='") + "JSON_AWK='".length();
        return block.substring(start, block.indexOf("\n'\n", start));
    }

    private static String clientBlock(Path script) throws IOException {
        String text = Files.readString(script);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has the provisioner client block", script).isNotNegative().isLessThan(end);
        return text.substring(begin, end + END.length());
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
