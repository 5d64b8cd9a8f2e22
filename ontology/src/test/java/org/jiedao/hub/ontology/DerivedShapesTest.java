package org.jiedao.hub.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.jiedao.hub.ontology.shacl.AssertionRdf;
import org.jiedao.hub.ontology.shacl.OntologyShapes;
import org.jiedao.hub.ontology.shacl.OntologyShapes.Mode;
import org.jiedao.hub.ontology.shacl.Violation;
import org.junit.jupiter.api.Test;

/** The SHACL shapes derived from the extended ontology: they parse, cover it, and say what is wrong by name. */
class DerivedShapesTest {
    private static final String SH = "http://www.w3.org/ns/shacl#";

    private final Ontology ontology = Ontology.bundled();
    private final OntologyShapes entityShapes = new OntologyShapes(ontology, Mode.ENTITY);

    @Test
    void shapesParseInBothModesAndCoverEveryNodeProperty() {
        for (Mode mode : Mode.values()) {
            Model shapes = new OntologyShapes(ontology, mode).model();
            assertThat(Shapes.parse(shapes.getGraph()).numRootShapes()).as(mode.name()).isGreaterThan(30);
        }
        Model shapes = entityShapes.model();
        Set<String> paths = new HashSet<>();
        shapes.listObjectsOfProperty(shapes.createProperty(SH, "path")).forEachRemaining(n -> paths.add(n.asResource().getURI()));
        Set<String> nodeProperties = new HashSet<>();
        ontology.model().listSubjectsWithProperty(RDF.type, OWL.DatatypeProperty)
                .filterKeep(p -> p.hasProperty(RDFS.domain)).forEachRemaining(p -> nodeProperties.add(p.getURI()));
        assertThat(paths).containsAll(nodeProperties);
    }

    @Test
    void aValidPersonAndHouseholdConform() {
        Model data = ModelFactory.createDefaultModel();
        AssertionRdf.addNode(data, ontology.nodeType("Person"), "11010219850307123X", props(
                "name", "林晓雨", "gender", "2", "birthDate", LocalDate.of(1985, 3, 7), "ethnicity", "01",
                "phone", "+8613800138000"));
        AssertionRdf.addNode(data, ontology.nodeType("Household"), "110102000123", Map.of());
        assertThat(entityShapes.validate(data)).isEmpty();
    }

    @Test
    void aPartialBirthDateConformsAsGYearMonthOrGYearButAnInventedFormDoesNot() {
        for (Object partial : List.of("1950-03", "1950", java.time.YearMonth.of(1950, 3), java.time.Year.of(1950))) {
            Model data = ModelFactory.createDefaultModel();
            AssertionRdf.addNode(data, ontology.nodeType("Person"), "11010219850307123X", props("birthDate", partial));
            assertThat(entityShapes.validate(data)).as(partial.toString()).isEmpty();
        }
        for (String bad : List.of("1950-13", "1950年3月", "03/1950")) {
            Model data = ModelFactory.createDefaultModel();
            AssertionRdf.addNode(data, ontology.nodeType("Person"), "11010219850307123X", props("birthDate", bad));
            assertThat(entityShapes.validate(data)).as(bad).singleElement().satisfies(v -> {
                assertThat(v.property()).isEqualTo("birthDate");
                assertThat(v.messageZh()).contains("年月");
                assertThat(v.messageEn()).contains("a year and month (e.g. 1985-03)");
            });
        }
        // a date property without hub:partialDate still needs a full date
        Model data = ModelFactory.createDefaultModel();
        AssertionRdf.addNode(data, ontology.nodeType("Vehicle"), "京A12345", props("registeredOn", "2019-05"));
        assertThat(entityShapes.validate(data)).extracting(Violation::property).containsExactly("registeredOn");
    }

    @Test
    void aBadPersonIsReportedPropertyByPropertyInChineseAndEnglish() {
        Model data = ModelFactory.createDefaultModel();
        AssertionRdf.addNode(data, ontology.nodeType("Person"), "11010219850307123", props(
                "gender", "5", "birthDate", "1985-03-07"));
        List<Violation> violations = entityShapes.validate(data);
        assertThat(violations).extracting(Violation::property).containsExactlyInAnyOrder("idNumber", "gender", "birthDate");
        assertNamed(violations, "idNumber", "公民身份号码", "resident identity number");
        assertNamed(violations, "gender", "性别", "gender");
        assertNamed(violations, "birthDate", "出生日期", "birth date");
        Violation gender = violations.stream().filter(v -> v.property().equals("gender")).findFirst().orElseThrow();
        assertThat(gender.value()).isEqualTo("5");
        assertThat(gender.messageZh()).contains("GB/T 2261.1-2003").contains("1 男性");
        assertThat(violations.stream().filter(v -> v.property().equals("birthDate")).findFirst().orElseThrow().messageEn())
                .contains("date");
    }

    private static void assertNamed(List<Violation> violations, String property, String zh, String en) {
        Violation v = violations.stream().filter(x -> x.property().equals(property)).findFirst().orElseThrow();
        assertThat(v.messageZh()).contains(zh).contains(property);
        assertThat(v.messageEn()).contains(en).contains(property);
    }

    @Test
    void shapesOnASuperclassApplyToItsSubclasses() {
        Model data = ModelFactory.createDefaultModel();
        // Community inherits the division-code pattern of AdministrativeDivision
        AssertionRdf.addNode(data, ontology.nodeType("Community"), "12345", Map.of());
        // Complaint inherits Case's status code list; DisabilityCertificate has its own level code list
        AssertionRdf.addNode(data, ontology.nodeType("Complaint"), "H2026031400017", props("status", "pending"));
        AssertionRdf.addNode(data, ontology.nodeType("DisabilityCertificate"), "11010219850307123X44",
                props("disabilityCategory", "4", "disabilityLevel", "5"));
        List<Violation> violations = entityShapes.validate(data);
        assertThat(violations).extracting(Violation::property).containsExactlyInAnyOrder("code", "status", "disabilityLevel");
        assertThat(violations).filteredOn(v -> v.property().equals("disabilityLevel")).singleElement()
                .satisfies(v -> assertThat(v.messageZh()).contains("残疾等级").contains("一级"));
    }

    @Test
    void requiredPropertiesAreCheckedForEntitiesNotForSingleRecords() {
        Model data = ModelFactory.createDefaultModel();
        AssertionRdf.addNode(data, ontology.nodeType("CaseStatusChange"), "H2026031400017:1",
                props("changedAt", LocalDateTime.of(2026, 3, 14, 9, 21, 5)));
        assertThat(entityShapes.validate(data)).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo("status");
            assertThat(v.messageZh()).contains("不能为空");
            assertThat(v.messageEn()).contains("is required");
        });
        assertThat(new OntologyShapes(ontology, Mode.RECORD).validate(data)).isEmpty();
    }

    @Test
    void numbersAndBooleansAreTypedAndValidated() {
        Model data = ModelFactory.createDefaultModel();
        AssertionRdf.addNode(data, ontology.nodeType("Kindergarten"), "1111010001", props(
                "name", "西长安街幼儿园", "capacity", 270L, "minEnrolmentAgeMonths", 36, "maxEnrolmentAgeMonths", "six"));
        AssertionRdf.addNode(data, ontology.nodeType("Camera"), "CAM-0042", props("recognisesPlates", true, "kind", "parking"));
        AssertionRdf.addNode(data, ontology.nodeType("PatrolPositionReport"), "P-17:2026-03-14T09:21:05",
                props("resultTime", LocalDateTime.of(2026, 3, 14, 9, 21, 5), "latitude", 39.9042, "longitude", 116.3758));
        assertThat(entityShapes.validate(data)).extracting(Violation::property).containsExactly("maxEnrolmentAgeMonths");
    }

    @Test
    void thePlatePatternAcceptsTheLoadersCanonicalFormsOnly() {
        Pattern plate = Pattern.compile(ontology.nodeType("Vehicle").key().pattern());
        for (String ok : List.of("京A12345", "沪ADF123", "京AD12345", "粤BA03205", "京A12345D", "京A1234警", "粤Z1234港",
                "闽20401领", "使014578")) {
            assertThat(plate.matcher(ok).matches()).as(ok).isTrue();
        }
        for (String bad : List.of("京A1234", "京AI2345", "京A·12345", "A12345", "京a12345", "使01457", "港A12345")) {
            assertThat(plate.matcher(bad).matches()).as(bad).isFalse();
        }
        Model data = ModelFactory.createDefaultModel();
        AssertionRdf.addNode(data, ontology.nodeType("Vehicle"), "京A·12345", Map.of());
        assertThat(entityShapes.validate(data)).extracting(Violation::property).containsExactly("plate");
    }

    @Test
    void thePhoneAndDivisionPatternsFollowTheNormalisers() {
        Pattern phone = Pattern.compile(ontology.nodeType("Person").property("phone").orElseThrow().pattern());
        for (String ok : List.of("+8613800138000", "+8619912345678", "+861066012345", "+862112345678", "+8657112345678",
                "+861066012345;ext=123", "+16502530000", "12345", "110", "95588")) {
            assertThat(phone.matcher(ok).matches()).as(ok).isTrue();
        }
        for (String bad : List.of("13800138000", "01066012345", "010-66012345", "+86 13800138000", "+0861066012345",
                "66012345", "+861066012345 ext 1")) {
            assertThat(phone.matcher(bad).matches()).as(bad).isFalse();
        }
        Pattern division = Pattern.compile(ontology.nodeType("Community").key().pattern());
        for (String ok : List.of("110102", "110102001", "110102001004", "110102000000")) {
            assertThat(division.matcher(ok).matches()).as(ok).isTrue();
        }
        for (String bad : List.of("11010", "1101020", "1101020010041", "11010200100X")) {
            assertThat(division.matcher(bad).matches()).as(bad).isFalse();
        }
    }

    @Test
    void derivedShapesUseTheOntologysIris() {
        Model shapes = entityShapes.model();
        Set<String> targets = new HashSet<>();
        shapes.listObjectsOfProperty(shapes.createProperty(SH, "targetClass")).mapWith(RDFNode::asResource)
                .mapWith(Resource::getURI).forEachRemaining(targets::add);
        assertThat(targets).contains(Ontology.NS + "Person", Ontology.NS + "AdministrativeDivision",
                Ontology.NS + "Organisation", Ontology.NS + "DisabilityCertificate", Ontology.NS + "Observation");
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
