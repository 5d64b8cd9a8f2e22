package org.jiedao.hub.api.schema;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jiedao.hub.graph.schema.FulltextIndex;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;

/**
 * What a node is called when it is shown without a selection (search hits, path nodes, timeline events): its type's
 * first property in a Han full-text index ({@code hub:fulltext}: a person's name, an address's text), else its key.
 */
public final class DisplayLabels {
    private DisplayLabels() {
    }

    /**
     * @param ontology the ontology
     * @return by node label, the display property of the types that have one (the others are shown by their key)
     */
    public static Map<String, PropertyDef> of(Ontology ontology) {
        Map<String, PropertyDef> out = new LinkedHashMap<>();
        for (FulltextIndex i : new GraphSchema(ontology).fulltextIndexes()) {
            if (i.script() == FulltextIndex.Script.HAN) {
                ontology.nodeType(i.label()).property(i.properties().getFirst()).ifPresent(p -> out.putIfAbsent(i.label(), p));
            }
        }
        return out;
    }
}
