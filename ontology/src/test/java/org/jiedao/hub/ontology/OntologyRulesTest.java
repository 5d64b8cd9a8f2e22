package org.jiedao.hub.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;
import org.junit.jupiter.api.Test;

/**
 * The rules the Java side and the derived schemas rely on, checked over the whole bundled ontology (jiedao.ttl with
 * codelists.ttl): labels and definitions on every term, keys on every mapped class, datatype and object property
 * annotations, and API field names that do not collide. Each test collects every offender, so one run lists them all.
 */
class OntologyRulesTest {
    private static final String NS = Ontology.NS;
    private static final String HUB = Ontology.HUB;
    private static final String SKOS = Ontology.SKOS;
    private static final Pattern UPPER_CAMEL = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern LOWER_CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    private static final Set<String> RANGES = Set.of(XSD.xstring.getURI(), XSD.date.getURI(), XSD.dateTime.getURI(),
            XSD.integer.getURI(), XSD.decimal.getURI(), XSD.xboolean.getURI());
    private static final Set<String> SENSITIVITIES = Set.of("PersonalId", "Personal", "SpecialCategory", "Internal", "Public");
    /** Provenance links that may end at a node of any mapped class, so they have no rdfs:range. */
    private static final Set<String> ANY_RANGE = Set.of("RESOLVES_TO", "MENTIONS");

    private final Ontology ontology = Ontology.bundled();
    private final Model m = ontology.model();

    private Property hub(String local) {
        return m.createProperty(HUB, local);
    }

    private List<Resource> ours(Resource type) {
        return m.listSubjectsWithProperty(RDF.type, type).toList().stream()
                .filter(r -> r.isURIResource() && r.getURI().startsWith(NS)).toList();
    }

    private static boolean hasLang(Resource r, Property p, String lang) {
        return r.listProperties(p).toList().stream().anyMatch(s -> s.getObject().isLiteral()
                && lang.equals(s.getLiteral().getLanguage()) && !s.getString().isBlank());
    }

    // ---------------------------------------------------------------- labels and definitions

    @Test
    void everyClassAndPropertyHasChineseAndEnglishLabelsAndDefinitions() {
        Property definition = m.createProperty(SKOS, "definition");
        List<Resource> terms = new ArrayList<>();
        terms.addAll(ours(OWL.Class));
        terms.addAll(ours(OWL.DatatypeProperty));
        terms.addAll(ours(OWL.ObjectProperty));
        assertThat(terms).hasSizeGreaterThan(100);
        List<String> missing = new ArrayList<>();
        for (Resource t : terms) {
            for (String lang : List.of("zh", "en")) {
                if (!hasLang(t, RDFS.label, lang)) {
                    missing.add(t.getLocalName() + " rdfs:label@" + lang);
                }
                if (!hasLang(t, definition, lang)) {
                    missing.add(t.getLocalName() + " skos:definition@" + lang);
                }
            }
        }
        assertThat(missing).as("terms without a label or definition").isEmpty();
    }

    @Test
    void everyTermIsDeclaredAsClassOrProperty() {
        // a typo in a subject IRI would otherwise silently create an undeclared term
        Set<Resource> declared = new HashSet<>();
        for (Resource type : List.of(OWL.Class, OWL.DatatypeProperty, OWL.ObjectProperty, m.createResource(SKOS + "ConceptScheme"),
                m.createResource(SKOS + "Concept"))) {
            declared.addAll(m.listSubjectsWithProperty(RDF.type, type).toList());
        }
        List<String> undeclared = new ArrayList<>();
        m.listStatements().forEachRemaining(s -> {
            for (RDFNode n : List.of(s.getSubject(), s.getObject())) {
                if (n.isURIResource() && n.asResource().getURI().startsWith(NS) && !declared.contains(n.asResource())) {
                    undeclared.add(n.asResource().getLocalName());
                }
            }
        });
        assertThat(new TreeSet<>(undeclared)).as("jd: terms used but not declared").isEmpty();
    }

    // ---------------------------------------------------------------- classes and keys

    @Test
    void everyMappedClassHasAnUpperCamelLabelAndAKey() {
        List<Resource> mapped = m.listSubjectsWithProperty(hub("graphLabel")).toList();
        assertThat(ontology.nodeTypes()).as("one node type per hub:graphLabel, labels unique").hasSize(mapped.size());
        List<String> wrong = new ArrayList<>();
        for (NodeType t : ontology.nodeTypes()) {
            if (!UPPER_CAMEL.matcher(t.label()).matches()) {
                wrong.add(t.label() + ": label is not UpperCamel");
            }
            Resource cls = m.getResource(t.iri());
            Resource ownKey = cls.getPropertyResourceValue(hub("key"));
            boolean sharesSuperclassKey = ontology.mergeType(t) != t;
            if (ownKey == null && !sharesSuperclassKey) {
                wrong.add(t.label() + ": no hub:key and no mapped superclass to inherit it from");
            }
            if (ownKey != null && sharesSuperclassKey) {
                wrong.add(t.label() + ": declares the key of its superclass " + ontology.mergeType(t).label()
                        + " (a subclass merged on its superclass's label declares no hub:key)");
            }
            if (!t.properties().contains(t.key())) {
                wrong.add(t.label() + ": key is not one of its properties");
            }
            if (!t.key().functional()) {
                wrong.add(t.label() + ": key " + t.key().name() + " is not an owl:FunctionalProperty");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theIssueThreeDomainIsMapped() {
        assertThat(ontology.nodeTypes()).extracting(NodeType::label).contains(
                "Person", "Household", "Address", "Community", "Subdistrict", "District", "Grid", "Building",
                "ParkingLot", "Kindergarten", "Vehicle", "ParkingPermit", "ParkingObservation", "Case", "Complaint",
                "Incident", "ServiceApplication", "CaseStatusChange", "Department", "PartnerAgency", "PublicService",
                "EligibilityCriterion", "Evidence", "Certificate", "DisabilityCertificate", "ElderlyCard", "Sensor",
                "Camera", "Observation", "PatrolMember", "PatrolPositionReport", "Source", "SourceRecord",
                "IngestionRun", "QuarantinedRecord");
        assertThat(ontology.nodeType("Kindergarten").properties()).extracting(PropertyDef::name)
                .contains("capacity", "minEnrolmentAgeMonths", "maxEnrolmentAgeMonths");
        assertThat(ontology.nodeType("ParkingLot").property("capacity")).get().extracting(PropertyDef::datatype).isEqualTo("integer");
    }

    @Test
    void subclassesSharingTheKeyAreMergedOnTheirSuperclass() {
        Map<String, String> expected = Map.of("Complaint", "Case", "Incident", "Case", "ServiceApplication", "Case",
                "DisabilityCertificate", "Certificate", "ElderlyCard", "Certificate", "Camera", "Sensor",
                "ParkingObservation", "Observation", "PatrolPositionReport", "Observation");
        expected.forEach((sub, sup) -> {
            NodeType t = ontology.nodeType(sub);
            assertThat(ontology.mergeType(t).label()).as(sub).isEqualTo(sup);
            assertThat(ontology.labels(t)).as(sub).containsExactly(sub, sup);
            assertThat(t.key()).as(sub).isEqualTo(ontology.nodeType(sup).key());
            assertThat(m.getResource(t.iri()).hasProperty(hub("key"))).as(sub + " declares no key").isFalse();
        });
        assertThat(ontology.nodeType("Complaint").properties()).extracting(PropertyDef::name)
                .contains("caseNumber", "status", "satisfaction");
    }

    @Test
    void theV0TermsAreUnchanged() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("Person", "idNumber");
        keys.put("Household", "householdNumber");
        keys.put("Address", "text");
        keys.put("Community", "code");
        keys.put("Subdistrict", "code");
        keys.put("District", "code");
        keys.put("Vehicle", "plate");
        keys.put("Case", "caseNumber");
        keys.put("SourceRecord", "uid");
        keys.put("QuarantinedRecord", "uid");
        keys.forEach((label, key) -> assertThat(ontology.nodeType(label).key().name()).as(label).isEqualTo(key));
        assertThat(ontology.relationshipTypes()).extracting(RelationshipType::type).contains("MEMBER_OF", "RESIDES_AT",
                "REGISTERED_AT", "IN_COMMUNITY", "IN_SUBDISTRICT", "IN_DISTRICT", "OWNS", "REPORTED_BY", "CONCERNS",
                "RESOLVES_TO", "MENTIONS");
        assertThat(ontology.nodeType("Person").properties()).extracting(PropertyDef::name)
                .contains("idNumber", "name", "gender", "birthDate", "ethnicity", "phone");
        assertThat(ontology.nodeType("SourceRecord").properties()).extracting(PropertyDef::name)
                .contains("uid", "source", "recordKey", "location", "ingestedAt", "contentHash");
        assertThat(ontology.relationshipType("MEMBER_OF").property("relationToHead")).isPresent();
        assertThat(m.getResource(NS + "resolvesTo").hasProperty(RDFS.subPropertyOf, m.getResource("http://www.w3.org/ns/prov#wasDerivedFrom")))
                .as("a record is not derived from its entity").isFalse();
    }

    @Test
    void classesAreAlignedWithStandardVocabularies() {
        Map<String, String> expected = Map.of(
                "Person", "https://schema.org/Person",
                "Address", "http://www.w3.org/ns/locn#Address",
                "PublicService", "http://purl.org/vocab/cpsv#PublicService",
                "Observation", "http://www.w3.org/ns/sosa/Observation",
                "Sensor", "http://www.w3.org/ns/sosa/Sensor",
                "Source", "http://www.w3.org/ns/prov#Agent",
                "SourceRecord", "http://www.w3.org/ns/prov#Entity",
                "IngestionRun", "http://www.w3.org/ns/prov#Activity",
                "ParkingLot", "https://schema.org/ParkingFacility");
        expected.forEach((label, iri) -> assertThat(ontology.nodeType(label).alignments()).as(label).contains(iri));
        for (String org : List.of("Department", "PartnerAgency")) {
            Resource superclass = m.getResource(NS + "Organisation");
            assertThat(m.getResource(ontology.nodeType(org).iri()).hasProperty(RDFS.subClassOf, superclass)).isTrue();
            assertThat(superclass.hasProperty(RDFS.subClassOf, m.getResource("http://www.w3.org/ns/org#Organization"))).isTrue();
        }
    }

    // ---------------------------------------------------------------- datatype properties

    @Test
    void everyDatatypePropertyFollowsTheRules() {
        List<String> wrong = new ArrayList<>();
        Set<String> mappedOrSuper = new HashSet<>();
        for (NodeType t : ontology.nodeTypes()) {
            mappedOrSuper.add(t.iri());
            mappedOrSuper.addAll(t.superClasses());
        }
        for (Resource p : ours(OWL.DatatypeProperty)) {
            String n = p.getLocalName();
            List<Statement> domains = p.listProperties(RDFS.domain).toList();
            List<Statement> onRel = p.listProperties(hub("onRelationship")).toList();
            if (onRel.isEmpty()) {
                if (domains.size() != 1 || !domains.get(0).getObject().isURIResource()) {
                    wrong.add(n + ": needs exactly one rdfs:domain (a class)");
                } else if (!mappedOrSuper.contains(domains.get(0).getResource().getURI())) {
                    wrong.add(n + ": its domain is neither a mapped class nor a superclass of one");
                }
            } else {
                if (!domains.isEmpty()) {
                    wrong.add(n + ": a relationship property has no rdfs:domain");
                }
                for (Statement s : onRel) {
                    if (!s.getResource().hasProperty(hub("relationshipType"))) {
                        wrong.add(n + ": hub:onRelationship " + s.getResource().getLocalName() + " is not a relationship");
                    }
                }
            }
            List<Statement> ranges = p.listProperties(RDFS.range).toList();
            if (ranges.size() != 1 || !RANGES.contains(ranges.get(0).getResource().getURI())) {
                wrong.add(n + ": needs exactly one rdfs:range among " + RANGES);
            }
            String name = p.hasProperty(hub("propertyName")) ? p.getProperty(hub("propertyName")).getString() : null;
            if (name == null || !LOWER_CAMEL.matcher(name).matches() || name.equals("sources")) {
                wrong.add(n + ": hub:propertyName missing, not lowerCamel or reserved: " + name);
            }
            List<Statement> sens = p.listProperties(hub("sensitivity")).toList();
            if (sens.size() != 1 || !sens.get(0).getObject().isURIResource()
                    || !sens.get(0).getResource().getURI().startsWith(HUB)
                    || !SENSITIVITIES.contains(sens.get(0).getResource().getLocalName())) {
                wrong.add(n + ": needs exactly one hub:sensitivity among " + SENSITIVITIES);
            }
            if (!p.hasProperty(RDF.type, OWL.FunctionalProperty)) {
                wrong.add(n + ": not an owl:FunctionalProperty (graph properties hold one value)");
            }
            Statement pattern = p.getProperty(hub("pattern"));
            if (pattern != null) {
                String re = pattern.getString();
                if (!re.startsWith("^") || !re.endsWith("$")) {
                    wrong.add(n + ": hub:pattern is not anchored with ^ and $");
                }
                Pattern.compile(re);
            }
            Statement codeList = p.getProperty(hub("codeList"));
            if (codeList != null && !ontology.codeLists().containsKey(codeList.getResource().getURI())) {
                wrong.add(n + ": hub:codeList " + codeList.getResource().getURI() + " is not a concept scheme");
            }
            boolean stringRange = ranges.size() == 1 && ranges.get(0).getResource().equals(XSD.xstring);
            if ((codeList != null || pattern != null || p.hasProperty(hub("fulltext"))) && !stringRange) {
                wrong.add(n + ": code lists, patterns and full-text apply to xsd:string only");
            }
            boolean dateRange = ranges.size() == 1 && ranges.get(0).getResource().equals(XSD.date);
            if (p.hasProperty(hub("partialDate")) && !dateRange) {
                wrong.add(n + ": hub:partialDate applies to xsd:date only");
            }
            for (String flag : List.of("required", "fulltext", "indexed", "partialDate")) {
                Statement s = p.getProperty(hub(flag));
                if (s != null && !(s.getObject().isLiteral() && s.getLiteral().getDatatypeURI().equals(XSD.xboolean.getURI()))) {
                    wrong.add(n + ": hub:" + flag + " is not a boolean");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void propertyNamesAreUniqueWithinAClassAndItsSuperclasses() {
        List<String> wrong = new ArrayList<>();
        for (NodeType t : ontology.nodeTypes()) {
            Set<String> seen = new HashSet<>();
            for (PropertyDef p : t.properties()) {
                if (!seen.add(p.name())) {
                    wrong.add(t.label() + "." + p.name());
                }
            }
        }
        for (RelationshipType r : ontology.relationshipTypes()) {
            Set<String> seen = new HashSet<>();
            for (PropertyDef p : r.properties()) {
                if (!seen.add(p.name())) {
                    wrong.add(r.type() + "." + p.name());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void sensitiveValuesAreMarkedSo() {
        assertThat(ontology.nodeType("DisabilityCertificate").property("disabilityCategory")).get()
                .extracting(PropertyDef::sensitivity).isEqualTo(Sensitivity.SPECIAL_CATEGORY);
        assertThat(ontology.nodeType("DisabilityCertificate").property("disabilityLevel")).get()
                .extracting(PropertyDef::sensitivity).isEqualTo(Sensitivity.SPECIAL_CATEGORY);
        assertThat(ontology.nodeType("PatrolPositionReport").property("latitude")).get()
                .extracting(PropertyDef::sensitivity).isEqualTo(Sensitivity.SPECIAL_CATEGORY);
        assertThat(ontology.nodeType("Certificate").key().sensitivity()).as("a disability certificate number ends with the category and level")
                .isEqualTo(Sensitivity.SPECIAL_CATEGORY);
        assertThat(ontology.nodeType("Person").property("name")).get().extracting(PropertyDef::fulltext).isEqualTo(true);
        assertThat(ontology.nodeType("Address").key().fulltext()).isTrue();
        assertThat(ontology.nodeType("Person").key().pattern()).isEqualTo("^[0-9]{17}[0-9X]$");
    }

    // ---------------------------------------------------------------- object properties and API fields

    @Test
    void everyObjectPropertyIsARelationshipWithEndsAndFields() {
        List<String> wrong = new ArrayList<>();
        Set<String> types = new HashSet<>();
        Set<String> mapped = new HashSet<>();
        ontology.nodeTypes().forEach(t -> mapped.add(t.iri()));
        for (Resource p : ours(OWL.ObjectProperty)) {
            String n = p.getLocalName();
            Statement type = p.getProperty(hub("relationshipType"));
            if (type == null || !UPPER_SNAKE.matcher(type.getString()).matches()) {
                wrong.add(n + ": hub:relationshipType missing or not UPPER_SNAKE");
                continue;
            }
            if (!types.add(type.getString())) {
                wrong.add(n + ": relationship type " + type.getString() + " used twice");
            }
            List<Statement> domains = p.listProperties(RDFS.domain).toList();
            List<Statement> ranges = p.listProperties(RDFS.range).toList();
            if (domains.size() != 1 || !mapped.contains(domains.get(0).getResource().getURI())) {
                wrong.add(n + ": needs exactly one rdfs:domain, a mapped class");
            }
            if (ANY_RANGE.contains(type.getString())) {
                continue;
            }
            if (ranges.size() != 1 || !mapped.contains(ranges.get(0).getResource().getURI())) {
                wrong.add(n + ": needs exactly one rdfs:range, a mapped class");
            }
            for (String dir : List.of("forward", "inverse")) {
                Statement field = p.getProperty(hub(dir + "Field"));
                Statement many = p.getProperty(hub(dir + "Many"));
                if (field == null || !LOWER_CAMEL.matcher(field.getString()).matches()) {
                    wrong.add(n + ": hub:" + dir + "Field missing or not lowerCamel");
                }
                if (many == null || !many.getObject().isLiteral()
                        || !many.getLiteral().getDatatypeURI().equals(XSD.xboolean.getURI())) {
                    wrong.add(n + ": hub:" + dir + "Many missing or not a boolean");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The API fields of each class: its properties (inherited ones included), the relationship fields of the class
     * and of its mapped superclasses, and {@code sources}. None may collide. Properties on a relationship show as
     * fields of the node reached through it, so they may not collide with those either, and two relationships may
     * only share such a name when it is one and the same property.
     */
    @Test
    void apiFieldNamesDoNotCollide() {
        assertThat(collisions(ontology)).isEmpty();
    }

    @Test
    void theCollisionCheckFindsPlantedCollisions() {
        // Household already has the inverse field "members"; Complaint inherits "reporter" from Case
        String ttl = """
                @prefix jd: <https://w3id.org/jiedao/ontology#> .
                @prefix hub: <https://w3id.org/jiedao/hub#> .
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                jd:guestOf a owl:ObjectProperty ; rdfs:domain jd:Person ; rdfs:range jd:Household ;
                    rdfs:label "暂住"@zh , "guest of"@en ; hub:relationshipType "GUEST_OF" ;
                    hub:forwardField "hostHousehold" ; hub:forwardMany false ; hub:inverseField "members" ; hub:inverseMany true .
                jd:forwardedBy a owl:ObjectProperty ; rdfs:domain jd:Complaint ; rdfs:range jd:Person ;
                    rdfs:label "转交人"@zh , "forwarded by"@en ; hub:relationshipType "FORWARDED_BY" ;
                    hub:forwardField "reporter" ; hub:forwardMany false ; hub:inverseField "forwardedComplaints" ; hub:inverseMany true .
                """;
        assertThat(collisions(OntologyFixtures.bundledPlus(ttl)))
                .anyMatch(c -> c.startsWith("Household.members"))
                .anyMatch(c -> c.startsWith("Complaint.reporter"));
    }

    /**
     * The API fields of each class: its properties (inherited ones included), the relationship fields of the class
     * and of its mapped superclasses, and {@code sources}. None may collide. Properties on a relationship show as
     * fields of the node reached through it, so they may not collide with those either, and two relationships may
     * only share such a name when it is one and the same property.
     */
    static List<String> collisions(Ontology ontology) {
        List<String> collisions = new ArrayList<>();
        for (NodeType t : ontology.nodeTypes()) {
            Set<String> selfAndSupers = new HashSet<>(t.superClasses());
            selfAndSupers.add(t.iri());
            Map<String, String> fields = new HashMap<>();
            for (PropertyDef p : t.properties()) {
                put(fields, p.name(), "property " + p.iri(), t, collisions);
            }
            put(fields, "sources", "provenance", t, collisions);
            Map<String, String> relProps = new HashMap<>();
            for (RelationshipType r : ontology.relationshipTypes()) {
                boolean from = r.from().map(f -> selfAndSupers.contains(f.iri())).orElse(false);
                boolean to = r.to().map(f -> selfAndSupers.contains(f.iri())).orElse(false);
                if (from && r.forwardField() != null) {
                    put(fields, r.forwardField(), r.type() + " forward", t, collisions);
                }
                if (to && r.inverseField() != null) {
                    put(fields, r.inverseField(), r.type() + " inverse", t, collisions);
                }
                if (from || to) {
                    for (PropertyDef p : r.properties()) {
                        String before = relProps.putIfAbsent(p.name(), p.iri());
                        if (before != null && !before.equals(p.iri())) {
                            collisions.add(t.label() + "." + p.name() + ": two different relationship properties");
                        }
                    }
                }
            }
            relProps.keySet().stream().filter(fields::containsKey)
                    .forEach(name -> collisions.add(t.label() + "." + name + ": relationship property vs " + fields.get(name)));
        }
        return collisions;
    }

    private static void put(Map<String, String> fields, String name, String what, NodeType t, List<String> collisions) {
        String before = fields.putIfAbsent(name, what);
        if (before != null) {
            collisions.add(t.label() + "." + name + ": " + before + " vs " + what);
        }
    }

    @Test
    void relationshipPropertiesAreSharedAsOneTerm() {
        for (String type : List.of("MEMBER_OF", "RESIDES_AT", "OWNS")) {
            RelationshipType r = ontology.relationshipType(type);
            Optional<PropertyDef> from = r.property("validFrom");
            assertThat(from).as(type).get().extracting(PropertyDef::iri).isEqualTo(NS + "validFrom");
            assertThat(r.property("validTo")).as(type).get().extracting(PropertyDef::datatype).isEqualTo("date");
        }
        assertThat(ontology.relationshipType("RESOLVES_TO").properties()).extracting(PropertyDef::name)
                .containsExactly("decidedAt", "rule", "score");
    }
}
