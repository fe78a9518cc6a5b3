package io.github.authentikprovisioner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes one part of the benchmark (calls, latency, start-up) as Markdown and JSON under {@code target/bench/}, and
 * the whole report ({@code bench.md}, {@code bench.json}) from the parts measured so far, and prints the part.
 */
public final class BenchReport {

    public static final Path DIR = Path.of("target/bench");
    private static final List<String> PARTS = List.of("calls", "latency", "outposts", "startup");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    public static void write(String part, ObjectNode json, String markdown) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(part + ".json"), JSON.writeValueAsString(json) + "\n");
            Files.writeString(DIR.resolve(part + ".md"), markdown);
            StringBuilder md = new StringBuilder("# authentik-provisioner benchmark\n\n");
            ObjectNode all = JSON.createObjectNode();
            for (String p : PARTS) {
                Path mdPart = DIR.resolve(p + ".md");
                if (Files.exists(mdPart)) {
                    md.append(Files.readString(mdPart)).append('\n');
                    all.set(p, JSON.readTree(DIR.resolve(p + ".json").toFile()));
                }
            }
            Files.writeString(DIR.resolve("bench.md"), md.toString());
            Files.writeString(DIR.resolve("bench.json"), JSON.writeValueAsString(all) + "\n");
            System.out.println("\n" + markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
