package org.jiedao.hub.loaders.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;

/**
 * Adds a node's derived properties ({@code hub:derivedFrom} in the ontology, e.g. {@code namePinyin} from
 * {@code name} with the {@code pinyin} normaliser) to the properties a record asserts, so that every source, and any
 * future one, gets them without declaring them in its YAML definition. Used wherever node properties are
 * assembled: {@link SourceMapping} and the division reference data.
 */
public final class DerivedProperties {
    private DerivedProperties() {
    }

    /**
     * @param ontology   the ontology naming the derivations
     * @param type       the node's type
     * @param properties the properties the record asserts (property name to normalised value)
     * @return the same properties plus each derived property whose source property is present and gives a value;
     *         the input map itself when the type has no derivation
     * @throws NormalisationException if a derivation's normaliser refuses the value (the pinyin normaliser never
     *                                does)
     */
    public static Map<String, Object> add(Ontology ontology, NodeType type, Map<String, Object> properties)
            throws NormalisationException {
        Map<PropertyDef, PropertyDef> derivations = ontology.derivations(type);
        if (derivations.isEmpty()) {
            return properties;
        }
        Map<String, Object> out = new LinkedHashMap<>(properties);
        for (Map.Entry<PropertyDef, PropertyDef> d : derivations.entrySet()) {
            Object source = properties.get(d.getValue().name());
            if (source != null) {
                Object value = Normalisers.forProperty(d.getKey()).normalise(source.toString());
                if (value != null) {
                    out.put(d.getKey().name(), value);
                }
            }
        }
        return out;
    }
}
