package org.jiedao.hub.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.rdf.model.InfModel;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.reasoner.ReasonerRegistry;
import org.apache.jena.reasoner.ValidityReport;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;

/**
 * The ontology has no unsatisfiable classes, checked two ways.
 *
 * <p><b>Structural check</b> (documented in the header of jiedao.ttl): the ontology's only source of
 * unsatisfiability is disjointness ({@code owl:disjointWith}, {@code owl:AllDisjointClasses}); it has no
 * restrictions, complements or cardinalities on classes. So a class is unsatisfiable exactly when its superclasses
 * (transitively, through {@code rdfs:subClassOf} and {@code owl:equivalentClass}) include two classes declared
 * disjoint, or it is declared disjoint with one of its own superclasses. The check computes that for every class.
 * It also checks that the subclass hierarchy among the hub's classes has no cycles (which would make distinct classes
 * equivalent) and that every domain and range is a declared class or an XSD datatype.
 *
 * <p><b>Jena's OWL rule reasoner</b> (OWL Mini): one individual of every class is added, {@code owl:AllDisjointClasses}
 * (OWL 2, which Jena's rules do not read) is expanded to pairwise {@code owl:disjointWith}, and the inference model
 * must be valid. Both checks are shown to catch a planted unsatisfiable class.
 */
class OntologyConsistencyTest {
    private static final String NS = Ontology.NS;

    private final Ontology ontology = Ontology.bundled();

    @Test
    void noClassIsASubclassOfTwoDisjointClasses() {
        assertThat(unsatisfiable(ontology.model())).isEmpty();
    }

    @Test
    void theStructuralCheckFindsAPlantedUnsatisfiableClass() {
        Ontology planted = OntologyFixtures.bundledPlus("""
                @prefix jd: <https://w3id.org/jiedao/ontology#> .
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                jd:PersonHousehold a owl:Class ; rdfs:subClassOf jd:Person , jd:Household .
                jd:StrangeComplaint a owl:Class ; rdfs:subClassOf jd:Complaint ; owl:equivalentClass jd:Building .
                """);
        assertThat(unsatisfiable(planted.model())).anyMatch(s -> s.startsWith("PersonHousehold"))
                .anyMatch(s -> s.startsWith("StrangeComplaint"));
    }

    @Test
    void theSubclassHierarchyHasNoCycles() {
        for (Resource cls : ourClasses(ontology.model())) {
            Set<Resource> strictSupers = new HashSet<>();
            cls.listProperties(RDFS.subClassOf).forEach(s -> strictSupers.addAll(superClassesAndSelf(s.getResource())));
            assertThat(strictSupers).as(cls.getLocalName()).doesNotContain(cls);
        }
    }

    @Test
    void everyDomainAndRangeIsADeclaredClassOrDatatype() {
        Model m = ontology.model();
        List<String> wrong = new ArrayList<>();
        for (Statement s : m.listStatements(null, RDFS.domain, (RDFNode) null).toList()) {
            if (s.getSubject().getURI().startsWith(NS) && !s.getResource().hasProperty(RDF.type, OWL.Class)) {
                wrong.add(s.getSubject().getLocalName() + " rdfs:domain " + s.getObject());
            }
        }
        for (Statement s : m.listStatements(null, RDFS.range, (RDFNode) null).toList()) {
            Resource p = s.getSubject();
            if (!p.getURI().startsWith(NS)) {
                continue;
            }
            boolean ok = p.hasProperty(RDF.type, OWL.DatatypeProperty)
                    ? s.getResource().getURI().startsWith("http://www.w3.org/2001/XMLSchema#")
                    : s.getResource().hasProperty(RDF.type, OWL.Class);
            if (!ok) {
                wrong.add(p.getLocalName() + " rdfs:range " + s.getObject());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void jenasOwlReasonerFindsTheOntologyConsistent() {
        long start = System.nanoTime();
        ValidityReport report = reason(ontology.model());
        assertThat(report.isValid()).as(describe(report)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void jenasOwlReasonerFindsAPlantedUnsatisfiableClass() {
        Ontology planted = OntologyFixtures.bundledPlus("""
                @prefix jd: <https://w3id.org/jiedao/ontology#> .
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                jd:VehicleCase a owl:Class ; rdfs:subClassOf jd:Vehicle , jd:Complaint .
                """);
        ValidityReport report = reason(planted.model());
        assertThat(report.isValid()).isFalse();
        assertThat(describe(report)).contains("disjoint").contains("VehicleCase");
    }

    // ---------------------------------------------------------------- the checks

    /** @return "Class: A and B are disjoint" for every class whose superclasses include two disjoint classes */
    static List<String> unsatisfiable(Model m) {
        Map<Resource, Set<Resource>> disjoint = disjointPairs(m);
        List<String> out = new ArrayList<>();
        for (Resource cls : ourClasses(m)) {
            List<Resource> supers = new ArrayList<>(superClassesAndSelf(cls));
            for (int i = 0; i < supers.size(); i++) {
                for (int j = i; j < supers.size(); j++) {
                    if (disjoint.getOrDefault(supers.get(i), Set.of()).contains(supers.get(j))) {
                        out.add(cls.getLocalName() + ": " + supers.get(i).getLocalName() + " and "
                                + supers.get(j).getLocalName() + " are disjoint");
                    }
                }
            }
        }
        return out;
    }

    private static Map<Resource, Set<Resource>> disjointPairs(Model m) {
        Map<Resource, Set<Resource>> out = new HashMap<>();
        for (Statement s : m.listStatements(null, OWL.disjointWith, (RDFNode) null).toList()) {
            out.computeIfAbsent(s.getSubject(), k -> new HashSet<>()).add(s.getResource());
            out.computeIfAbsent(s.getResource(), k -> new HashSet<>()).add(s.getSubject());
        }
        for (Resource all : m.listSubjectsWithProperty(RDF.type, OWL.AllDisjointClasses).toList()) {
            List<Resource> members = all.getPropertyResourceValue(OWL.members).as(org.apache.jena.rdf.model.RDFList.class)
                    .asJavaList().stream().map(RDFNode::asResource).toList();
            for (Resource a : members) {
                for (Resource b : members) {
                    if (!a.equals(b)) {
                        out.computeIfAbsent(a, k -> new HashSet<>()).add(b);
                    }
                }
            }
        }
        return out;
    }

    /** The class, its superclasses and the classes equivalent to any of them, transitively. */
    private static Set<Resource> superClassesAndSelf(Resource cls) {
        Set<Resource> out = new LinkedHashSet<>();
        ArrayDeque<Resource> todo = new ArrayDeque<>(List.of(cls));
        while (!todo.isEmpty()) {
            Resource c = todo.pop();
            if (c.isURIResource() && out.add(c)) {
                c.listProperties(RDFS.subClassOf).forEach(s -> todo.push(s.getResource()));
                c.listProperties(OWL.equivalentClass).forEach(s -> todo.push(s.getResource()));
                c.getModel().listSubjectsWithProperty(OWL.equivalentClass, c).forEach(todo::push);
            }
        }
        return out;
    }

    private static List<Resource> ourClasses(Model m) {
        return m.listSubjectsWithProperty(RDF.type, OWL.Class).toList().stream()
                .filter(r -> r.isURIResource() && r.getURI().startsWith(NS)).toList();
    }

    /** OWL Mini over the ontology, pairwise disjointness and one individual per class of the hub. */
    private static ValidityReport reason(Model ontologyModel) {
        Model data = ModelFactory.createDefaultModel().add(ontologyModel);
        disjointPairs(ontologyModel).forEach((a, bs) -> bs.forEach(b -> data.add(a, OWL.disjointWith, b)));
        for (Resource cls : ourClasses(ontologyModel)) {
            data.createResource(Iris.ID + "test/" + cls.getLocalName()).addProperty(RDF.type, cls);
        }
        InfModel inf = ModelFactory.createInfModel(ReasonerRegistry.getOWLMiniReasoner(), data);
        return inf.validate();
    }

    private static String describe(ValidityReport report) {
        StringBuilder b = new StringBuilder();
        report.getReports().forEachRemaining(r -> b.append(r).append('\n'));
        return b.toString();
    }
}
