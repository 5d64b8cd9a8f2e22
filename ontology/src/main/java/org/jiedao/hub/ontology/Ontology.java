package org.jiedao.hub.ontology;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * The hub's domain ontology (OWL 2 in Turtle, read with Apache Jena) seen as a property-graph schema: node types
 * with their key and properties, relationship types with their end points. Everything the graph and the API
 * derive (labels, constraints, GraphQL types) comes from here (DESIGN.md, decision 3).
 *
 * <p>Immutable and thread-safe once loaded. The bundled ontology is
 * {@code org/jiedao/hub/ontology/jiedao.ttl} on the classpath.
 */
public final class Ontology {
    /** Namespace of the domain terms. */
    public static final String NS = "https://w3id.org/jiedao/ontology#";
    /** Namespace of the hub's graph-mapping annotations. */
    public static final String HUB = "https://w3id.org/jiedao/hub#";
    /** The SKOS namespace. */
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    private static final Property SKOS_EXACT = ResourceFactory.createProperty(SKOS, "exactMatch");
    private static final Property SKOS_CLOSE = ResourceFactory.createProperty(SKOS, "closeMatch");
    private static final Property SKOS_DEFINITION = ResourceFactory.createProperty(SKOS, "definition");
    /** The bundled Turtle files: the domain ontology and its code lists. */
    public static final List<String> BUNDLED = List.of("/org/jiedao/hub/ontology/jiedao.ttl", "/org/jiedao/hub/ontology/codelists.ttl");
    private static volatile Ontology bundled;

    private final Model model;
    private final Map<String, NodeType> nodeTypes;
    private final Map<String, RelationshipType> relationshipTypes;
    private final Map<String, CodeList> codeLists;
    private final Map<String, String> derivedFrom;

    private Ontology(Model model) {
        this.model = model;
        this.codeLists = readCodeLists(model);
        this.nodeTypes = readNodeTypes(model);
        this.relationshipTypes = readRelationshipTypes(model, nodeTypes);
        Map<String, String> derived = new LinkedHashMap<>();
        model.listStatements(null, model.createProperty(HUB, "derivedFrom"), (RDFNode) null)
                .forEachRemaining(s -> derived.put(s.getSubject().getURI(), s.getResource().getURI()));
        this.derivedFrom = java.util.Collections.unmodifiableMap(derived);
    }

    /**
     * @return the ontology bundled with the hub, parsed once per JVM
     * @throws OntologyException if the bundled Turtle is missing or inconsistent
     */
    public static Ontology bundled() {
        Ontology o = bundled;
        if (o == null) {
            synchronized (Ontology.class) {
                if (bundled == null) {
                    Model m = ModelFactory.createDefaultModel();
                    for (String resource : BUNDLED) {
                        try (InputStream in = Ontology.class.getResourceAsStream(resource)) {
                            if (in == null) {
                                throw new OntologyException("bundled ontology " + resource + " not on the classpath");
                            }
                            RDFParser.source(in).lang(Lang.TURTLE).parse(m);
                        } catch (IOException e) {
                            throw new OntologyException("cannot read " + resource + ": " + e.getMessage());
                        }
                    }
                    bundled = new Ontology(m);
                }
                o = bundled;
            }
        }
        return o;
    }

    /**
     * @param turtle one or more Turtle documents, read into one model (ontology and code lists)
     * @return the ontology read from them
     * @throws OntologyException if a graph-mapped class lacks a key, or a term is inconsistent
     * @throws org.apache.jena.riot.RiotException if the Turtle does not parse
     */
    public static Ontology parse(InputStream... turtle) {
        Model m = ModelFactory.createDefaultModel();
        for (InputStream in : turtle) {
            RDFParser.source(in).lang(Lang.TURTLE).parse(m);
        }
        return new Ontology(m);
    }

    /** @return the code lists, by IRI */
    public Map<String, CodeList> codeLists() {
        return codeLists;
    }

    /**
     * @param iri a code list's IRI
     * @return the code list
     * @throws OntologyException if the ontology has none with that IRI
     */
    public CodeList codeList(String iri) {
        CodeList c = codeLists.get(iri);
        if (c == null) {
            throw new OntologyException("no code list " + iri + " in the ontology");
        }
        return c;
    }

    /** @return the node types in label order */
    public Collection<NodeType> nodeTypes() {
        return nodeTypes.values();
    }

    /** @return the relationship types in type order */
    public Collection<RelationshipType> relationshipTypes() {
        return relationshipTypes.values();
    }

    /**
     * @param label a node label such as {@code Person}
     * @return its node type
     * @throws OntologyException if the ontology has no class with that label
     */
    public NodeType nodeType(String label) {
        NodeType t = nodeTypes.get(label);
        if (t == null) {
            throw new OntologyException("no class with node label '" + label + "' in the ontology; known: " + nodeTypes.keySet());
        }
        return t;
    }

    /** @return the node type with this label, if any */
    public Optional<NodeType> findNodeType(String label) {
        return Optional.ofNullable(nodeTypes.get(label));
    }

    /**
     * @param type a relationship type such as {@code MEMBER_OF}
     * @return its definition
     * @throws OntologyException if the ontology has no object property with that type
     */
    public RelationshipType relationshipType(String type) {
        RelationshipType t = relationshipTypes.get(type);
        if (t == null) {
            throw new OntologyException("no relationship type '" + type + "' in the ontology; known: " + relationshipTypes.keySet());
        }
        return t;
    }

    /**
     * The labels a node of this type carries: its own and those of its mapped superclasses, e.g. a
     * {@code Complaint} is also a {@code Case}.
     *
     * @param type a node type
     * @return its label first, then its superclasses' labels, nearest first
     */
    public List<String> labels(NodeType type) {
        List<String> out = new ArrayList<>(List.of(type.label()));
        for (String sup : type.superClasses()) {
            nodeTypes.values().stream().filter(t -> t.iri().equals(sup)).findFirst().ifPresent(t -> out.add(t.label()));
        }
        return out;
    }

    /**
     * The type whose label and key a node of this type is merged on: its topmost mapped superclass with the same
     * key (so that a Complaint and a Case with the same case number are one node, guarded by one constraint).
     *
     * @param type a node type
     * @return the type to MERGE on; the type itself when no mapped superclass shares its key
     */
    public NodeType mergeType(NodeType type) {
        NodeType merge = type;
        for (String sup : type.superClasses()) {
            for (NodeType t : nodeTypes.values()) {
                if (t.iri().equals(sup) && t.key().equals(type.key())) {
                    merge = t;
                }
            }
        }
        return merge;
    }

    /**
     * The properties of a type that are computed from another of its properties ({@code hub:derivedFrom}) with their
     * {@code hub:normaliser}, such as {@code namePinyin} from {@code name}: the loaders set them whenever a source
     * maps the property they come from.
     *
     * @param type a node type
     * @return derived property to the property it is computed from, in the type's property order; empty if none
     * @throws OntologyException if a derived property's source is not a property of the same type
     */
    public Map<PropertyDef, PropertyDef> derivations(NodeType type) {
        Map<PropertyDef, PropertyDef> out = new LinkedHashMap<>();
        for (PropertyDef p : type.properties()) {
            String from = derivedFrom.get(p.iri());
            if (from != null) {
                out.put(p, type.properties().stream().filter(q -> q.iri().equals(from)).findFirst().orElseThrow(() ->
                        new OntologyException(p.iri() + " is derived from " + from + ", which " + type.label() + " lacks")));
            }
        }
        return out;
    }

    /** @return the underlying RDF model (read-only use: RDF export, SHACL) */
    public Model model() {
        return model;
    }

    private static Map<String, NodeType> readNodeTypes(Model m) {
        Property graphLabel = m.createProperty(HUB, "graphLabel");
        Property key = m.createProperty(HUB, "key");
        Property entityKey = m.createProperty(HUB, "entityKey");
        List<NodeType> types = new ArrayList<>();
        for (Resource cls : m.listSubjectsWithProperty(graphLabel).toList()) {
            List<PropertyDef> props = new ArrayList<>();
            for (Resource c : superClassesAndSelf(cls)) {
                for (Resource p : m.listSubjectsWithProperty(RDFS.domain, c).toList()) {
                    if (p.hasProperty(RDF.type, OWL.DatatypeProperty)) {
                        props.add(propertyDef(m, p));
                    }
                }
            }
            props.sort(Comparator.comparing(PropertyDef::name));
            Resource keyProp = superClassesAndSelf(cls).stream().map(c -> c.getPropertyResourceValue(key))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (keyProp == null) {
                throw new OntologyException(cls.getURI() + " has a hub:graphLabel but no hub:key (nor a superclass with one)");
            }
            PropertyDef keyDef = props.stream().filter(p -> p.iri().equals(keyProp.getURI())).findFirst()
                    .orElseThrow(() -> new OntologyException(cls.getURI() + ": key " + keyProp.getURI() + " is not a datatype property of the class"));
            List<Resource> supers = superClassesAndSelf(cls);
            List<String> ownSupers = supers.stream().skip(1).map(Resource::getURI).filter(Ontology::ours).toList();
            List<String> alignments = new ArrayList<>();
            for (Property p : List.of(RDFS.subClassOf, OWL.equivalentClass, SKOS_EXACT, SKOS_CLOSE)) {
                cls.listProperties(p).forEach(s -> {
                    if (s.getObject().isURIResource() && !ours(s.getResource().getURI())) {
                        alignments.add(s.getResource().getURI());
                    }
                });
            }
            alignments.sort(null);
            Resource entityKeyProp = superClassesAndSelf(cls).stream().map(c -> c.getPropertyResourceValue(entityKey))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            PropertyDef entityKeyDef = entityKeyProp == null ? null : props.stream()
                    .filter(p -> p.iri().equals(entityKeyProp.getURI())).findFirst()
                    .orElseThrow(() -> new OntologyException(cls.getURI() + ": entity key " + entityKeyProp.getURI() + " is not a datatype property of the class"));
            types.add(new NodeType(cls.getURI(), string(cls, graphLabel), label(cls, "zh"), label(cls, "en"), keyDef,
                    List.copyOf(props), definition(cls, "zh"), definition(cls, "en"), ownSupers, List.copyOf(alignments),
                    entityKeyDef));
        }
        types.sort(Comparator.comparing(NodeType::label));
        Map<String, NodeType> byLabel = new LinkedHashMap<>();
        types.forEach(t -> byLabel.put(t.label(), t));
        return java.util.Collections.unmodifiableMap(byLabel);
    }

    private static Map<String, RelationshipType> readRelationshipTypes(Model m, Map<String, NodeType> nodeTypes) {
        Property relType = m.createProperty(HUB, "relationshipType");
        Property onRel = m.createProperty(HUB, "onRelationship");
        Map<String, NodeType> byIri = new LinkedHashMap<>();
        nodeTypes.values().forEach(t -> byIri.put(t.iri(), t));
        List<RelationshipType> rels = new ArrayList<>();
        for (Resource p : m.listSubjectsWithProperty(relType).toList()) {
            Resource domain = p.getPropertyResourceValue(RDFS.domain);
            Resource range = p.getPropertyResourceValue(RDFS.range);
            List<PropertyDef> props = m.listSubjectsWithProperty(onRel, p).toList().stream()
                    .map(r -> propertyDef(m, r)).sorted(Comparator.comparing(PropertyDef::name)).toList();
            rels.add(new RelationshipType(p.getURI(), string(p, relType), label(p, "zh"), label(p, "en"),
                    Optional.ofNullable(domain).map(d -> byIri.get(d.getURI())),
                    Optional.ofNullable(range).map(r -> byIri.get(r.getURI())),
                    stringOrNull(p, m.createProperty(HUB, "forwardField")), bool(p, m.createProperty(HUB, "forwardMany")),
                    stringOrNull(p, m.createProperty(HUB, "inverseField")), bool(p, m.createProperty(HUB, "inverseMany")),
                    props));
        }
        rels.sort(Comparator.comparing(RelationshipType::type));
        Map<String, RelationshipType> byType = new LinkedHashMap<>();
        for (RelationshipType r : rels) {
            if (byType.put(r.type(), r) != null) {
                throw new OntologyException("relationship type " + r.type() + " is declared twice");
            }
        }
        return java.util.Collections.unmodifiableMap(byType);
    }

    private static List<Resource> superClassesAndSelf(Resource cls) {
        List<Resource> out = new ArrayList<>();
        java.util.ArrayDeque<Resource> todo = new java.util.ArrayDeque<>(List.of(cls));
        while (!todo.isEmpty()) {
            Resource c = todo.pop();
            if (c.isURIResource() && !out.contains(c)) {
                out.add(c);
                c.listProperties(RDFS.subClassOf).forEach(s -> todo.push(s.getResource()));
            }
        }
        return out;
    }

    private static PropertyDef propertyDef(Model m, Resource p) {
        Resource range = p.getPropertyResourceValue(RDFS.range);
        Resource sens = p.getPropertyResourceValue(m.createProperty(HUB, "sensitivity"));
        if (sens == null) {
            throw new OntologyException(p.getURI() + " lacks hub:sensitivity (every datatype property needs one)");
        }
        Resource codeList = p.getPropertyResourceValue(m.createProperty(HUB, "codeList"));
        return new PropertyDef(p.getURI(), string(p, m.createProperty(HUB, "propertyName")),
                range == null ? "string" : range.getLocalName(), label(p, "zh"), label(p, "en"),
                Sensitivity.fromLocalName(sens.getLocalName()),
                bool(p, m.createProperty(HUB, "indexed")), stringOrNull(p, m.createProperty(HUB, "normaliser")),
                definition(p, "zh"), definition(p, "en"), bool(p, m.createProperty(HUB, "required")),
                p.hasProperty(RDF.type, OWL.FunctionalProperty), stringOrNull(p, m.createProperty(HUB, "pattern")),
                codeList == null ? null : codeList.getURI(), bool(p, m.createProperty(HUB, "fulltext")));
    }

    private static Map<String, CodeList> readCodeLists(Model m) {
        Property enumName = m.createProperty(HUB, "enumName");
        Property inScheme = m.createProperty(SKOS, "inScheme");
        Property notation = m.createProperty(SKOS, "notation");
        Property prefLabel = m.createProperty(SKOS, "prefLabel");
        Map<String, CodeList> out = new LinkedHashMap<>();
        List<Resource> schemes = m.listSubjectsWithProperty(RDF.type, m.createResource(SKOS + "ConceptScheme")).toList();
        schemes.sort(Comparator.comparing(Resource::getURI));
        for (Resource scheme : schemes) {
            List<CodeList.Code> codes = new ArrayList<>();
            for (Resource c : m.listSubjectsWithProperty(inScheme, scheme).toList()) {
                List<String> alt = c.listProperties(m.createProperty(SKOS, "altLabel")).toList().stream()
                        .map(Statement::getString).sorted().toList();
                codes.add(new CodeList.Code(string(c, notation), string(c, enumName), langString(c, prefLabel, "zh"),
                        langString(c, prefLabel, "en"), alt));
            }
            codes.sort(Comparator.comparing(CodeList.Code::notation));
            Statement source = scheme.getProperty(m.createProperty("http://purl.org/dc/terms/", "source"));
            out.put(scheme.getURI(), new CodeList(scheme.getURI(), string(scheme, enumName), label(scheme, "zh"),
                    label(scheme, "en"), source == null ? null : source.getString(), List.copyOf(codes)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static boolean ours(String iri) {
        return iri.startsWith(NS) || iri.startsWith(HUB);
    }

    private static String definition(Resource r, String lang) {
        for (Statement s : r.listProperties(SKOS_DEFINITION).toList()) {
            if (s.getObject().isLiteral() && lang.equals(s.getLiteral().getLanguage())) {
                return s.getString();
            }
        }
        return null;
    }

    private static String langString(Resource r, Property p, String lang) {
        for (Statement s : r.listProperties(p).toList()) {
            if (s.getObject().isLiteral() && lang.equals(s.getLiteral().getLanguage())) {
                return s.getString();
            }
        }
        throw new OntologyException(r.getURI() + " lacks " + p.getLocalName() + " in '" + lang + "'");
    }

    private static String string(Resource r, Property p) {
        String s = stringOrNull(r, p);
        if (s == null) {
            throw new OntologyException(r.getURI() + " lacks " + p.getURI());
        }
        return s;
    }

    private static String stringOrNull(Resource r, Property p) {
        Statement s = r.getProperty(p);
        return s == null ? null : s.getString();
    }

    private static boolean bool(Resource r, Property p) {
        Statement s = r.getProperty(p);
        return s != null && s.getBoolean();
    }

    private static String label(Resource r, String lang) {
        for (Statement s : r.listProperties(RDFS.label).toList()) {
            RDFNode o = s.getObject();
            if (o.isLiteral() && lang.equals(((Literal) o).getLanguage())) {
                return ((Literal) o).getString();
            }
        }
        throw new OntologyException(r.getURI() + " lacks an rdfs:label in '" + lang + "'");
    }
}
