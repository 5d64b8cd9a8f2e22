package org.jiedao.hub.graph.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;

/**
 * The graph's schema derived from the ontology (DESIGN.md, decision 3): a uniqueness constraint on every node
 * type's key, a range index on every property annotated {@code hub:indexed}. Idempotent ({@code IF NOT EXISTS}),
 * so it runs at every start.
 */
public final class GraphSchema {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The loaders' normaliser of pinyin search text ({@code hub:normaliser "pinyin"}). */
    private static final String PINYIN = "pinyin";
    private final Ontology ontology;

    /** @param ontology the source of labels, keys and indexed properties */
    public GraphSchema(Ontology ontology) {
        this.ontology = ontology;
    }

    /**
     * The schema statements: a uniqueness constraint per key (on the type a node is merged on: a Complaint's case
     * number is unique among all Cases), a range index per {@code hub:indexed} property, and a full-text index per
     * label over its {@code hub:fulltext} properties with Lucene's CJK analyzer (bigrams, so 晓雨 finds 林晓雨), and
     * one over its pinyin properties ({@link #fulltextIndexes()}).
     * Property existence constraints need Neo4j Enterprise; required properties are checked by SHACL instead.
     *
     * @return the statements, constraints first; names are {@code <label>_<property>_key|_index} and
     *         {@code <label>_fulltext}, {@code <label>_pinyin}
     * @throws IllegalStateException if an ontology name is not a plain identifier (they are spliced into DDL,
     *                               which takes no parameters)
     */
    public List<String> statements() {
        List<String> out = new ArrayList<>();
        for (NodeType t : ontology.nodeTypes()) {
            if (ontology.mergeType(t).equals(t)) {
                out.add("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.%s IS UNIQUE"
                        .formatted(id(t.label() + "_" + t.key().name() + "_key"), id(t.label()), id(t.key().name())));
                if (t.resolved()) {
                    out.add("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.%s IS UNIQUE"
                            .formatted(id(t.label() + "_" + t.entityKey().name() + "_key"), id(t.label()), id(t.entityKey().name())));
                }
            }
        }
        for (NodeType t : ontology.nodeTypes()) {
            for (PropertyDef p : t.properties()) {
                if (p.indexed() && !p.equals(t.key()) && !p.equals(t.entityKey()) && declaredOn(t, p)) {
                    out.add("CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.%s)"
                            .formatted(id(t.label() + "_" + p.name() + "_index"), id(t.label()), id(p.name())));
                }
            }
        }
        for (FulltextIndex index : fulltextIndexes()) {
            List<String> fields = index.properties().stream().map(p -> "n." + id(p)).toList();
            out.add("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [%s] OPTIONS {indexConfig: {`fulltext.analyzer`: '%s'}}"
                    .formatted(id(index.name()), id(index.label()), String.join(", ", fields), index.script().analyzer()));
        }
        return out;
    }

    /**
     * The full-text indexes: per label, {@code <Label>_fulltext} over its own {@code hub:fulltext} properties with
     * the CJK analyzer, and {@code <Label>_pinyin} over those whose normaliser is {@code pinyin} (derived pinyin
     * search text) with the standard analyzer without stop words; Neo4j gives an index one analyzer.
     *
     * @return the indexes in label order, Han before Latin
     */
    public List<FulltextIndex> fulltextIndexes() {
        List<FulltextIndex> out = new ArrayList<>();
        for (NodeType t : ontology.nodeTypes()) {
            List<PropertyDef> props = t.properties().stream().filter(p -> p.fulltext() && declaredOn(t, p)).toList();
            List<String> han = props.stream().filter(p -> !PINYIN.equals(p.normaliser())).map(PropertyDef::name).toList();
            List<String> latin = props.stream().filter(p -> PINYIN.equals(p.normaliser())).map(PropertyDef::name).toList();
            if (!han.isEmpty()) {
                out.add(new FulltextIndex(t.label() + "_fulltext", t.label(), FulltextIndex.Script.HAN, han));
            }
            if (!latin.isEmpty()) {
                out.add(new FulltextIndex(t.label() + "_pinyin", t.label(), FulltextIndex.Script.LATIN, latin));
            }
        }
        return out;
    }

    /** Whether the property is the type's own, not one it inherits from a mapped superclass (indexed there). */
    private boolean declaredOn(NodeType t, PropertyDef p) {
        return ontology.labels(t).stream().skip(1).map(ontology::nodeType).noneMatch(s -> s.properties().contains(p));
    }

    /**
     * Creates what is missing and waits for the indexes to come online.
     *
     * @param driver a driver for the hub's database
     * @throws org.neo4j.driver.exceptions.Neo4jException if the server refuses a statement
     */
    public void apply(Driver driver) {
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            for (String s : statements()) {
                session.run(s).consume();
            }
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }

    private static String id(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalStateException("ontology name '" + name + "' is not a plain identifier");
        }
        return name;
    }
}
