package org.jiedao.hub.loaders.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.loaders.CanonicalJson;
import org.jiedao.hub.loaders.reference.DivisionCodes.Division;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;

/**
 * The administrative divisions (district, sub-districts, communities) as records of the reference source
 * {@code divisions}, so they enter the graph through the same writer, with the same provenance, as departmental
 * data: {@code District}, {@code Subdistrict} and {@code Community} nodes keyed by division code, linked by
 * {@code IN_DISTRICT} and {@code IN_SUBDISTRICT}. Names get their derived pinyin ({@code namePinyin}) as in
 * {@link org.jiedao.hub.loaders.mapping.SourceMapping}.
 */
public final class DivisionAssertions {
    /** Source id of the division reference data. */
    public static final String SOURCE = "divisions";

    private DivisionAssertions() {
    }

    /**
     * @param codes    the division table
     * @param ontology the ontology (labels and relationship types)
     * @param origin   where the table came from, for record locations, e.g. {@code xicheng_110102.csv}
     * @return one record per district, street and community row; province and city rows are skipped
     */
    public static List<RecordAssertions> of(DivisionCodes codes, Ontology ontology, String origin) {
        List<RecordAssertions> out = new ArrayList<>();
        for (Division d : codes.all()) {
            NodeType type = switch (d.level()) {
                case "district" -> ontology.nodeType("District");
                case "street" -> ontology.nodeType("Subdistrict");
                case "community" -> ontology.nodeType("Community");
                default -> null;
            };
            if (type == null) {
                continue;
            }
            Map<String, String> row = new java.util.HashMap<>(Map.of("code", d.code(), "level", d.level(), "name", d.name()));
            row.put("parentCode", d.parentCode());
            String data = CanonicalJson.of(row);
            RecordRef ref = new RecordRef(SOURCE, d.code(), origin + " code " + d.code(), ContentHash.of(data), data);
            List<NodeAssertion> nodes = new ArrayList<>();
            nodes.add(new NodeAssertion("self", type, d.code(), derived(ontology, type, Map.of("code", d.code(), "name", d.name())),
                    WriteMode.AUTHORITATIVE, true));
            List<RelationshipAssertion> rels = new ArrayList<>();
            String parentType = switch (d.level()) {
                case "street" -> "District";
                case "community" -> "Subdistrict";
                default -> null;
            };
            if (parentType != null && d.parentCode() != null) {
                nodes.add(new NodeAssertion("parent", ontology.nodeType(parentType), d.parentCode(), Map.of("code", d.parentCode()),
                        WriteMode.FILL, false));
                rels.add(new RelationshipAssertion(ontology.relationshipType(
                        parentType.equals("District") ? "IN_DISTRICT" : "IN_SUBDISTRICT"), "self", "parent", Map.of()));
            }
            out.add(new RecordAssertions(ref, nodes, rels));
        }
        return out;
    }

    /** The division's properties with those the ontology derives from them (the name's pinyin). */
    private static Map<String, Object> derived(Ontology ontology, NodeType type, Map<String, Object> props) {
        try {
            return org.jiedao.hub.loaders.mapping.DerivedProperties.add(ontology, type, props);
        } catch (org.jiedao.hub.loaders.normalise.NormalisationException e) {
            throw new IllegalStateException("bundled division " + props + ": " + e.getMessage(), e);
        }
    }

}
