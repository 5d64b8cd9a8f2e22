package org.jiedao.hub.graph.rdf;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.XSD;
import org.jiedao.hub.ontology.Iris;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.Sensitivity;
import org.jiedao.hub.ontology.shacl.AssertionRdf;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Exports the subgraph around one entity as W3C RDF 1.1 (issue 3, item 4), so that partners and analysts can
 * use the hub's data with standard tools (SPARQL, SHACL, any RDF store). Everything comes from the ontology:
 * which labels and relationship types are exported, the IRIs of classes and properties, the datatypes.
 *
 * <h2>Shape of an export</h2>
 * <ul>
 * <li>The entity and every node reachable from it over the ontology's entity relationship types, in either
 *     direction, within {@code depth} hops ({@code 0} = the entity alone; at most {@value #MAX_DEPTH}). Relationship
 *     types that start or end at the source-record class (the provenance links {@code RESOLVES_TO} and
 *     {@code MENTIONS}, a record's source and ingestion run) are not traversed. A node becomes the resource {@link Iris#entity(NodeType, Object)} of the type it is merged
 *     on ({@link Ontology#mergeType(NodeType)}, so a node has the same IRI in every export), with an
 *     {@code rdf:type} for each of its ontology labels and their mapped superclasses, and one literal per
 *     ontology datatype property it holds, typed as {@link AssertionRdf#literal} types it (XSD; Neo4j dates and
 *     date-times become {@code xsd:date} and {@code xsd:dateTime}). Labels and properties the ontology lacks are
 *     skipped, never invented; a node with no ontology label is left out.</li>
 * <li>Each relationship of an entity relationship type between two exported nodes is a triple whose predicate is
 *     the object property's IRI. Its ontology properties (e.g. {@code jd:relationToHead} on {@code jd:memberOf})
 *     and the records that asserted it are stated on an RDF reification of that triple (RDF 1.1 Semantics, section
 *     "Reification"): a blank node {@code a rdf:Statement} with {@code rdf:subject}, {@code rdf:predicate},
 *     {@code rdf:object}, the property literals and {@code prov:wasDerivedFrom} each asserting record.</li>
 * <li>Provenance in W3C PROV-O: every source record linked to an exported node is the resource
 *     {@code Iris.entity(SourceRecord, uid)}, typed {@code jd:SourceRecord} and {@code prov:Entity}, with its
 *     ontology properties (source, record key, location, {@code ingestedAt} as {@code xsd:dateTime}, content
 *     hash...) except special-category ones (the raw record data stays in the graph). The record points to the
 *     entity with the link's object property ({@code jd:resolvesTo} or {@code jd:mentions}; the link's own
 *     ontology properties, such as the resolution rule, reified as above) and the entity states
 *     {@code prov:wasDerivedFrom} the record. Links from records to anything else (their source, their ingestion
 *     run) are not exported.</li>
 * <li>The model carries the ontology's namespace prefixes ({@code jd}, {@code prov}, {@code xsd}, ...) that it
 *     uses, so Turtle and JSON-LD abbreviate IRIs with them.</li>
 * </ul>
 * An export of data the loaders wrote conforms to
 * {@code new OntologyShapes(ontology, OntologyShapes.Mode.ENTITY)}.
 *
 * <h2>Reading</h2>
 * Two parameterised Cypher statements in one read transaction, however large the subgraph (no per-node round
 * trips): one collects the distinct nodes within the depth, the other their relationships, provenance links and
 * records. The entity node count is capped ({@link #maxNodes()}); beyond it the export fails with
 * {@link ExportTooLargeException} instead of building a huge model.
 *
 * <p>Thread-safe; it holds no state besides cached statement texts. Calls block on the driver, so keep them off
 * event loops (DESIGN.md, decision 7).
 */
public final class RdfExporter {
    /** The largest depth an export accepts. */
    public static final int MAX_DEPTH = 4;
    /** Default for the most entity nodes one export may hold. */
    public static final int DEFAULT_MAX_NODES = 10_000;
    /** The W3C PROV-O namespace. */
    public static final String PROV = "http://www.w3.org/ns/prov#";
    /** Node label of source records (the graph's provenance convention, see the writer). */
    public static final String RECORD_LABEL = "SourceRecord";

    private static final String PROV_ENTITY = PROV + "Entity";
    private static final String PROV_WAS_DERIVED_FROM = PROV + "wasDerivedFrom";

    private final Driver driver;
    private final Ontology ontology;
    private final int maxNodes;
    private final Optional<NodeType> recordType;
    private final ExportStatements statements;
    private final Map<String, RelationshipType> relationshipTypes = new HashMap<>();

    /**
     * An exporter with the default node limit ({@value #DEFAULT_MAX_NODES}).
     *
     * @param driver   the hub's driver
     * @param ontology the ontology the graph was written with
     */
    public RdfExporter(Driver driver, Ontology ontology) {
        this(driver, ontology, DEFAULT_MAX_NODES);
    }

    /**
     * @param driver   the hub's driver
     * @param ontology the ontology the graph was written with
     * @param maxNodes the most entity nodes one export may hold (records not counted), at least 1
     * @throws IllegalArgumentException if {@code maxNodes} is below 1
     */
    public RdfExporter(Driver driver, Ontology ontology, int maxNodes) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.ontology = Objects.requireNonNull(ontology, "ontology");
        if (maxNodes < 1) {
            throw new IllegalArgumentException("the node limit of an export must be at least 1, was " + maxNodes);
        }
        this.maxNodes = maxNodes;
        this.recordType = ontology.findNodeType(RECORD_LABEL);
        this.statements = new ExportStatements(ontology, recordType);
        ontology.relationshipTypes().forEach(r -> relationshipTypes.put(r.type(), r));
    }

    /** @return the most entity nodes one export may hold */
    public int maxNodes() {
        return maxNodes;
    }

    /**
     * Reads the subgraph around one entity and returns it as RDF (see the class description for its shape).
     *
     * @param type  the entity's type, one of the ontology's node types other than the source-record type
     * @param key   the value of the type's key property, normalised as the loaders store it (e.g. an 18-character
     *              ID number)
     * @param depth hops from the entity over entity relationship types, 0 to {@value #MAX_DEPTH}
     * @return a new model holding the export, with namespace prefixes set
     * @throws IllegalArgumentException     if the depth is out of range, the type is not in this exporter's
     *                                      ontology, or it is the source-record type
     * @throws EntityNotFoundException      if no node of that type has that key
     * @throws ExportTooLargeException      if more than {@link #maxNodes()} entity nodes lie within the depth
     * @throws org.neo4j.driver.exceptions.Neo4jException if the database cannot be read
     */
    public Model export(NodeType type, Object key, int depth) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be a whole number from 0 to " + MAX_DEPTH + ", was " + depth);
        }
        if (ontology.findNodeType(type.label()).filter(t -> t.iri().equals(type.iri())).isEmpty()) {
            throw new IllegalArgumentException("type " + type.label() + " is not a node type of this exporter's ontology");
        }
        if (recordType.isPresent() && recordType.get().iri().equals(type.iri())) {
            throw new IllegalArgumentException("an export starts from an entity; " + type.label()
                    + " nodes are exported as the provenance of the entities they assert");
        }
        Subgraph read = read(type, key, depth);
        if (read.nodes().isEmpty()) {
            throw new EntityNotFoundException(type, key);
        }
        if (read.nodes().size() > maxNodes) {
            throw new ExportTooLargeException(type.label() + ":" + key, depth, maxNodes);
        }
        return toRdf(read);
    }

    /**
     * Writes a model in one of the export formats.
     *
     * @param model  the model, e.g. from {@link #export(NodeType, Object, int)}
     * @param format {@code turtle} (RDF 1.1 Turtle) or {@code jsonld} (JSON-LD 1.1, compacted with the model's
     *               prefixes as context), case-insensitive
     * @param out    where to write (UTF-8); not closed
     * @throws IllegalArgumentException naming the accepted formats if {@code format} is none of them
     * @throws org.apache.jena.shared.JenaException if writing fails (including I/O errors of {@code out})
     */
    public void write(Model model, String format, OutputStream out) {
        write(model, ExportFormat.of(format), out);
    }

    /**
     * Writes a model in one of the export formats.
     *
     * @param model  the model
     * @param format the format
     * @param out    where to write (UTF-8); not closed
     * @throws org.apache.jena.shared.JenaException if writing fails (including I/O errors of {@code out})
     */
    public void write(Model model, ExportFormat format, OutputStream out) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        RDFDataMgr.write(out, model, format.jena());
    }

    // ---------------------------------------------------------------- reading

    private record GraphNode(String id, List<String> labels, Map<String, Object> properties) {
    }

    private record Row(String kind, String from, String type, String to, Map<String, Object> properties,
                       Map<String, Object> record) {
    }

    private record Subgraph(List<GraphNode> nodes, List<Row> rows) {
    }

    private Subgraph read(NodeType type, Object key, int depth) {
        String subgraph = statements.subgraph(type, depth);
        Optional<String> details = statements.details();
        try (Session session = driver.session()) {
            return session.executeRead(tx -> {
                List<GraphNode> nodes = tx.run(subgraph, Map.of(ExportStatements.KEY, key, ExportStatements.CAP, maxNodes + 1L))
                        .list(r -> new GraphNode(r.get("id").asString(), r.get("labels").asList(Value::asString),
                                r.get("properties").asMap()));
                if (nodes.isEmpty() || nodes.size() > maxNodes || details.isEmpty()) {
                    return new Subgraph(nodes, List.of());
                }
                List<String> ids = nodes.stream().map(GraphNode::id).toList();
                List<Row> rows = tx.run(details.get(), Map.of(ExportStatements.IDS, ids))
                        .list(r -> new Row(r.get("kind").asString(), r.get("from").asString(), stringOrNull(r.get("type")),
                                stringOrNull(r.get("to")), mapOrEmpty(r.get("properties")), mapOrEmpty(r.get("record"))));
                return new Subgraph(nodes, rows);
            });
        }
    }

    private static String stringOrNull(Value v) {
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Map<String, Object> mapOrEmpty(Value v) {
        return v == null || v.isNull() ? Map.of() : v.asMap();
    }

    // ---------------------------------------------------------------- building RDF

    private Model toRdf(Subgraph read) {
        Model m = ModelFactory.createDefaultModel();
        Map<String, Resource> entities = new HashMap<>();
        for (GraphNode n : read.nodes()) {
            resource(m, n.labels(), n.properties(), false).ifPresent(r -> entities.put(n.id(), r));
        }
        Map<String, Resource> records = new HashMap<>();
        Map<Object, Resource> recordsByUid = new HashMap<>();
        if (recordType.isPresent()) {
            NodeType rt = recordType.get();
            for (Row row : read.rows()) {
                if (!row.record().isEmpty() && !records.containsKey(row.from())) {
                    resource(m, List.of(rt.label()), row.record(), true).ifPresent(r -> {
                        r.addProperty(RDF.type, m.createResource(PROV_ENTITY));
                        records.put(row.from(), r);
                        recordsByUid.put(row.record().get(rt.key().name()), r);
                    });
                }
            }
        }
        Property derivedFrom = m.createProperty(PROV_WAS_DERIVED_FROM);
        for (Row row : read.rows()) {
            switch (row.kind()) {
                case ExportStatements.KIND_LINK -> {
                    Resource record = records.get(row.from());
                    Resource entity = entities.get(row.to());
                    Optional<RelationshipType> link = relationshipType(row.type());
                    if (record != null && entity != null && link.isPresent()) {
                        relationship(m, record, link.get(), entity, row.properties(), Map.of(), derivedFrom);
                        entity.addProperty(derivedFrom, record);
                    }
                }
                case ExportStatements.KIND_RELATIONSHIP -> {
                    Resource from = entities.get(row.from());
                    Resource to = entities.get(row.to());
                    Optional<RelationshipType> rel = relationshipType(row.type());
                    if (from != null && to != null && rel.isPresent()) {
                        relationship(m, from, rel.get(), to, row.properties(), recordsByUid, derivedFrom);
                    }
                }
                default -> {
                    // records: added above
                }
            }
        }
        prefixes(m);
        return m;
    }

    private Optional<RelationshipType> relationshipType(String type) {
        return type == null ? Optional.empty() : Optional.ofNullable(relationshipTypes.get(type));
    }

    /**
     * A node as a resource: its IRI (from its key, or for a resolved type without one its entity id), classes and
     * datatype property values; empty without ontology label or key. For
     * a record, special-category properties (its raw data, which may hold anything the source held) are left out:
     * the export says where values came from; the values themselves are on the entities.
     */
    private Optional<Resource> resource(Model m, List<String> labels, Map<String, Object> properties, boolean record) {
        List<NodeType> known = labels.stream().map(ontology::findNodeType).flatMap(Optional::stream).toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        NodeType specific = known.stream().max(Comparator.comparingInt(t -> ontology.labels(t).size())).orElseThrow();
        NodeType identity = ontology.mergeType(specific);
        Object key = properties.get(identity.key().name());
        if (key == null && identity.resolved()) {
            key = properties.get(identity.entityKey().name()); // a person without an ID number: its entity id
        }
        if (key == null) {
            return Optional.empty();
        }
        Resource r = m.createResource(Iris.entity(identity, key));
        Set<String> classes = new LinkedHashSet<>();
        for (NodeType t : known) {
            ontology.labels(t).forEach(l -> ontology.findNodeType(l).ifPresent(c -> classes.add(c.iri())));
        }
        classes.forEach(c -> r.addProperty(RDF.type, m.createResource(c)));
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            Optional<PropertyDef> p = known.stream().flatMap(t -> t.property(e.getKey()).stream()).findFirst();
            if (p.isPresent() && !(record && p.get().sensitivity() == Sensitivity.SPECIAL_CATEGORY)) {
                addValues(m, r, p.get(), e.getValue());
            }
        }
        return Optional.of(r);
    }

    private void relationship(Model m, Resource from, RelationshipType type, Resource to, Map<String, Object> properties,
                              Map<Object, Resource> recordsByUid, Property derivedFrom) {
        Property predicate = m.createProperty(type.iri());
        from.addProperty(predicate, to);
        List<Map.Entry<PropertyDef, Object>> values = new ArrayList<>();
        properties.forEach((name, value) -> type.property(name).ifPresent(p -> values.add(Map.entry(p, value))));
        List<Resource> sources = new ArrayList<>();
        if (properties.get(ExportStatements.SOURCES) instanceof Collection<?> uids) {
            uids.stream().map(recordsByUid::get).filter(Objects::nonNull).distinct().forEach(sources::add);
        }
        if (values.isEmpty() && sources.isEmpty()) {
            return;
        }
        Resource statement = m.createResource()
                .addProperty(RDF.type, RDF.Statement)
                .addProperty(RDF.subject, from)
                .addProperty(RDF.predicate, predicate)
                .addProperty(RDF.object, to);
        values.forEach(e -> addValues(m, statement, e.getKey(), e.getValue()));
        sources.forEach(s -> statement.addProperty(derivedFrom, s));
    }

    private static void addValues(Model m, Resource subject, PropertyDef p, Object value) {
        Property property = m.createProperty(p.iri());
        if (value instanceof Collection<?> list) {
            list.stream().filter(Objects::nonNull).forEach(v -> subject.addLiteral(property, literal(m, p, v)));
        } else if (value != null) {
            subject.addLiteral(property, literal(m, p, value));
        }
    }

    /**
     * {@link AssertionRdf#literal}, with the lexical form made valid for its XSD datatype where Java's
     * {@code toString()} is not (a large or small double prints in E notation, which {@code xsd:decimal} does not
     * allow); other ill-formed values are kept, so that SHACL reports them. Shared with the data exchange's RDF payloads,
     * so a value has the same literal in an export and in a delivery.
     *
     * @param m     the model the literal is made in
     * @param p     the property (its XSD datatype), or null
     * @param value a value as read from Neo4j (a string, number, boolean, {@code java.time} value)
     * @return the typed literal
     */
    public static Literal literal(Model m, PropertyDef p, Object value) {
        Literal l = AssertionRdf.literal(m, p, value);
        if (l.getDatatype() == null || l.getDatatype().isValid(l.getLexicalForm())) {
            return l;
        }
        String lexical = switch (value) {
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d).toPlainString();
            case Float f when Float.isFinite(f) -> new BigDecimal(f.toString()).toPlainString();
            default -> null;
        };
        return lexical == null ? l : m.createTypedLiteral(lexical, l.getDatatype());
    }

    /** The ontology's namespace prefixes that the export uses (plus rdf, xsd and prov if the ontology lacks them). */
    private void prefixes(Model m) {
        Map<String, String> candidates = new HashMap<>(ontology.model().getNsPrefixMap());
        candidates.putIfAbsent("rdf", RDF.getURI());
        candidates.putIfAbsent("xsd", XSD.NS);
        candidates.putIfAbsent("prov", PROV);
        Set<String> iris = new HashSet<>();
        for (Statement s : m.listStatements().toList()) {
            if (s.getSubject().isURIResource()) {
                iris.add(s.getSubject().getURI());
            }
            iris.add(s.getPredicate().getURI());
            RDFNode o = s.getObject();
            if (o.isURIResource()) {
                iris.add(o.asResource().getURI());
            } else if (o.isLiteral() && o.asLiteral().getDatatypeURI() != null) {
                iris.add(o.asLiteral().getDatatypeURI());
            }
        }
        candidates.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> !e.getValue().isEmpty() && m.getNsURIPrefix(e.getValue()) == null)
                .filter(e -> iris.stream().anyMatch(i -> i.startsWith(e.getValue())))
                .forEach(e -> m.setNsPrefix(e.getKey(), e.getValue()));
    }
}
