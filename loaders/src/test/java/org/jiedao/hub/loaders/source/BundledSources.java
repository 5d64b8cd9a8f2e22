package org.jiedao.hub.loaders.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Test access to the source definitions shipped in the repository's {@code config/sources}. Surefire sets
 * {@code JIEDAO_REPO_ROOT}; without it (a run from an IDE) the directory is searched upwards from the working
 * directory.
 */
public final class BundledSources {
    private BundledSources() {
    }

    /**
     * @return the repository's {@code config/sources} directory
     * @throws IllegalStateException if it cannot be found
     */
    public static Path directory() {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        if (root != null && !root.isBlank()) {
            return Path.of(root, "config", "sources");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config/sources"))) {
                return p.resolve("config/sources");
            }
        }
        throw new IllegalStateException("config/sources not found: set JIEDAO_REPO_ROOT to the repository root");
    }

    /**
     * Loads every bundled definition with {@code HUB_DATA_DIR} set to {@code dataDir}.
     *
     * @param dataDir the data directory placeholders resolve to; also the base of relative directories
     * @return the definitions, sorted by file name
     */
    public static List<SourceDefinition> load(Path dataDir) {
        return SourceDefinitions.load(directory(), new Placeholders(Map.of("HUB_DATA_DIR", dataDir.toString())), dataDir);
    }

    /**
     * @param id      a bundled source id, e.g. {@code hukou}
     * @param dataDir as for {@link #load(Path)}
     * @return that definition
     * @throws IllegalArgumentException if no bundled definition has that id
     */
    public static SourceDefinition byId(String id, Path dataDir) {
        return load(dataDir).stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundled source definition " + id));
    }
}
