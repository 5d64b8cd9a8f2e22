package org.jiedao.hub.loaders.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinitionException;
import org.jiedao.hub.loaders.source.YamlLines;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;

/**
 * All source definitions of a directory, read and compiled against the ontology, so that the hub refuses to start
 * on any bad definition and says which file holds it.
 */
public final class SourceCatalog {
    private SourceCatalog() {
    }

    /**
     * @param directory    directory of YAML source definitions
     * @param placeholders values for {@code ${...}}
     * @param baseDir      base of relative file directories
     * @param ontology     the ontology the mappings refer to
     * @return the compiled mappings in file-name order
     * @throws SourceDefinitionException naming the file, the line of the key concerned (where it can be found) and the
     *                                   problem
     */
    public static List<SourceMapping> load(Path directory, Placeholders placeholders, Path baseDir, Ontology ontology) {
        List<SourceMapping> out = new ArrayList<>();
        for (Map.Entry<Path, SourceDefinition> e : SourceDefinitions.loadByFile(directory, placeholders, baseDir).entrySet()) {
            try {
                out.add(SourceMapping.compile(e.getValue(), ontology));
            } catch (SourceDefinitionException problem) {
                throw new SourceDefinitionException(e.getKey() + line(e.getKey(), problem.keyPath()) + ": "
                        + problem.getMessage(), problem);
            }
        }
        return out;
    }

    /** {@code " line N"} for the key in the file, or nothing if it cannot be found. */
    private static String line(Path file, String keyPath) {
        try {
            int line = keyPath == null ? 0 : YamlLines.lineOf(java.nio.file.Files.readString(file), keyPath);
            return line > 0 ? " line " + line : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
