package org.jiedao.hub.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;

/** Builds the real routes from one of the repository's example source definitions ({@code config/examples}). */
final class ExampleSources {
    private ExampleSources() {
    }

    static Path examplesDir() {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        return Path.of(root == null ? ".." : root).resolve("config/examples");
    }

    /**
     * @param example  file name in config/examples
     * @param settings placeholder values
     * @param edit     change to the definition's text (identity to use it as it is)
     * @param dir      an empty directory of the test
     */
    static IntegrationRuntime runtime(String example, Map<String, String> settings, UnaryOperator<String> edit,
                                      RecordWriter writer, Path dir) throws Exception {
        String text = edit.apply(Files.readString(examplesDir().resolve(example)));
        Path defs = Files.createDirectories(dir.resolve("defs-" + System.nanoTime()));
        Files.writeString(defs.resolve(example), text);
        List<SourceMapping> mappings = SourceDefinitions.load(defs, new Placeholders(settings), dir).stream()
                .map(d -> SourceMapping.compile(d, Ontology.bundled())).toList();
        return new IntegrationRuntime(mappings, writer, 200);
    }

    /** Waits until the condition holds; false on timeout. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    static String suffix() {
        return Long.toString(System.nanoTime(), 36) + Integer.toString((int) (Math.random() * 1_000_000), 36);
    }

    static void deleteQuietly(Path p) throws IOException {
        if (Files.exists(p)) {
            Files.delete(p);
        }
    }
}
