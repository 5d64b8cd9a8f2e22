package org.jiedao.hub.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jiedao.hub.loaders.mapping.SourceCatalog;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;

/** The declared sources as the commands see them: compiled from {@code HUB_SOURCES_DIR}, looked up by id. */
final class SourceCatalogs {
    private SourceCatalogs() {
    }

    /**
     * @param settings the hub's settings (sources directory, placeholders)
     * @param ontology the ontology
     * @return the compiled mappings in file-name order
     * @throws org.jiedao.hub.loaders.source.SourceDefinitionException naming the file and the problem
     */
    static List<SourceMapping> load(HubSettings settings, Ontology ontology) {
        return SourceCatalog.load(settings.sourcesDir(), new Placeholders(settings.placeholders()),
                Path.of("").toAbsolutePath(), ontology);
    }

    /**
     * @param mappings the declared sources
     * @param id       a source id
     * @return the source with that id
     */
    static Optional<SourceMapping> find(List<SourceMapping> mappings, String id) {
        return mappings.stream().filter(m -> m.definition().id().equals(id)).findFirst();
    }

    /**
     * @param mappings the declared sources
     * @param id       the id that was not found
     * @param settings where they were declared
     * @return e.g. {@code no source 'hukuo' is declared in /srv/hub/config/sources; declared: hukou, vehicles}
     */
    static String unknown(List<SourceMapping> mappings, String id, HubSettings settings) {
        return "no source '" + id + "' is declared in " + settings.sourcesDir() + "; declared: "
                + String.join(", ", mappings.stream().map(m -> m.definition().id()).toList());
    }
}
