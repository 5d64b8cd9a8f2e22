package org.jiedao.hub.app;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.CanonicalJson;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.jiedao.hub.simulator.DistrictPopulation;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.renderer.Renderer;
import org.neo4j.driver.Driver;

/**
 * The benchmark's district in the graph: a {@link DistrictPopulation} written through the real
 * {@link RecordWriter}, as the departmental sources would send it (same source ids, entity types, keys, write modes,
 * relationship types and code-list notations as {@code config/sources/*.yaml}), each record with its
 * {@code SourceRecord} provenance: the division table ({@code divisions}), one household-registry record per resident
 * ({@code hukou}: Person, Household, Address, MEMBER_OF with relationToHead and validFrom, RESIDES_AT with validFrom,
 * REGISTERED_AT, IN_COMMUNITY), one vehicle-registry record per vehicle ({@code vehicles}: OWNS with validFrom), one
 * hotline record per case ({@code hotline12345}: REPORTED_BY, CONCERNS) and one civil-affairs record per disability
 * certificate ({@code civilaffairs}: HELD_BY). Values go through the loaders' own normalisers.
 *
 * <p>Idempotent: the writer skips records whose content hash is stored, so writing the same district again changes
 * nothing; {@link #isLoaded} tells whether a graph already holds this district, so a benchmark can reuse it.
 */
final class BenchDistrict {
    private static final Renderer RENDERER = Renderer.getDefaultRenderer();
    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * What a load did.
     *
     * @param records records passed to the writer (divisions included)
     * @param written records written (the others were unchanged)
     * @param seconds wall time of the load, in seconds
     */
    record Load(long records, long written, double seconds) {
    }

    private final Driver driver;
    private final Ontology ontology;
    private final DistrictPopulation district;
    private final long seed;

    /**
     * @param driver   the hub's driver
     * @param ontology the ontology (labels, keys, code lists)
     * @param district the district to write
     * @param seed     the seed it was generated from (written into each record's location)
     */
    BenchDistrict(Driver driver, Ontology ontology, DistrictPopulation district, long seed) {
        this.driver = driver;
        this.ontology = ontology;
        this.district = district;
        this.seed = seed;
    }

    /**
     * Whether the graph holds exactly this district's residents: as many Person nodes as residents, and the first,
     * middle and last resident, the first and last vehicle and case present.
     *
     * @return true if a benchmark may reuse the graph without writing
     */
    boolean isLoaded() {
        Node p = Cypher.node("Person").named("p");
        long persons = single(RENDERER.render(Cypher.match(p).returning(Cypher.count(p).as("c")).build()), Map.of());
        if (persons != district.residents().size()) {
            return false;
        }
        List<String> ids = List.of(district.residents().getFirst().idNumber(),
                district.residents().get(district.residents().size() / 2).idNumber(), district.residents().getLast().idNumber());
        Node keyed = Cypher.node("Person").named("p");
        var idParam = Cypher.parameter("ids");
        long found = single(RENDERER.render(Cypher.match(keyed).where(keyed.property("idNumber").in(idParam))
                .returning(Cypher.count(keyed).as("c")).build()), Map.of("ids", ids));
        if (found != ids.size()) {
            return false;
        }
        List<String> plates = district.vehicles().isEmpty() ? List.of()
                : List.of(district.vehicles().getFirst().plate(), district.vehicles().getLast().plate());
        Node v = Cypher.node("Vehicle").named("v");
        long vehicles = single(RENDERER.render(Cypher.match(v).where(v.property("plate").in(Cypher.parameter("plates")))
                .returning(Cypher.count(v).as("c")).build()), Map.of("plates", plates));
        List<String> caseNumbers = district.cases().isEmpty() ? List.of()
                : List.of(district.cases().getFirst().caseNumber(), district.cases().getLast().caseNumber());
        Node c = Cypher.node("Case").named("c");
        long cases = single(RENDERER.render(Cypher.match(c).where(c.property("caseNumber").in(Cypher.parameter("numbers")))
                .returning(Cypher.count(c).as("c")).build()), Map.of("numbers", caseNumbers));
        return vehicles == plates.size() && cases == caseNumbers.size();
    }

    /** @return nodes in the graph */
    long existingNodes() {
        Node n = Cypher.anyNode("n");
        return single(RENDERER.render(Cypher.match(n).returning(Cypher.count(n).as("c")).build()), Map.of());
    }

    private long single(String cypher, Map<String, Object> parameters) {
        try (var s = driver.session()) {
            return s.executeRead(tx -> tx.run(cypher, parameters).single().get("c").asLong());
        }
    }

    /**
     * Applies the schema (constraints, indexes) and writes the district: the division table through the
     * {@link RecordWriter}, then the departmental records, phase by phase (household registry, vehicles, hotline,
     * certificates), either through the writer, each phase's batches on {@code threads} writers at once, or, when
     * {@code bulk} is set and the graph holds no Person yet, all at once through the {@link BulkRecordLoader} (same
     * shape, several times faster).
     *
     * @param batchSize records (writer) or rows (bulk) per transaction
     * @param threads   concurrent writer transactions (1 or more)
     * @param bulk      use the bulk loader if the graph holds no Person
     * @param log       progress lines
     * @return counts and time
     * @throws Exception if a value fails its normaliser (a bug in the generator) or the database refuses a batch
     */
    Load write(int batchSize, int threads, boolean bulk, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        new GraphSchema(ontology).apply(driver);
        RecordWriter writer = new RecordWriter(driver, ontology);
        List<RecordAssertions> divisions = DivisionAssertions.of(DivisionCodes.xicheng(), ontology, "xicheng_110102.csv");
        long divisionsWritten = writeInBatches(writer, "divisions", divisions, batchSize, threads, log);
        long records = divisions.size();
        List<String> names = List.of("hukou", "vehicles", "hotline12345", "civilaffairs");
        List<List<RecordAssertions>> phases = List.of(hukou(), vehicles(), cases(), certificates());
        long written = divisionsWritten;
        Node p = Cypher.node("Person").named("p");
        boolean empty = single(RENDERER.render(Cypher.match(p).returning(Cypher.count(p).as("c")).build()), Map.of()) == 0;
        if (bulk && empty) {
            long b0 = System.nanoTime();
            List<RecordAssertions> all = new ArrayList<>();
            phases.forEach(all::addAll);
            written += new BulkRecordLoader(driver, ontology, Math.max(batchSize, 2_000), threads).load(all);
            records += all.size();
            log.printf("  %-13s %,8d records (%s) written by the bulk loader, %6.1f s%n", "departmental", all.size(),
                    String.join(", ", names), (System.nanoTime() - b0) / 1e9);
        } else {
            for (int i = 0; i < phases.size(); i++) {
                written += writeInBatches(writer, names.get(i), phases.get(i), batchSize, threads, log);
                records += phases.get(i).size();
            }
        }
        return new Load(records, written, (System.nanoTime() - t0) / 1e9);
    }

    private static long writeInBatches(RecordWriter writer, String name, List<RecordAssertions> phase, int batchSize,
                                       int threads, PrintStream log) throws Exception {
        long p0 = System.nanoTime();
        long w = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Long>> done = new ArrayList<>();
            for (int from = 0; from < phase.size(); from += batchSize) {
                List<RecordAssertions> batch = phase.subList(from, Math.min(phase.size(), from + batchSize));
                done.add(pool.submit(() -> (long) writer.write(batch, List.of()).written()));
            }
            for (Future<Long> f : done) {
                w += f.get();
            }
        }
        log.printf("  %-13s %,8d records, %,8d written by the record writer, %6.1f s%n", name, phase.size(), w,
                (System.nanoTime() - p0) / 1e9);
        return w;
    }

    /** One record per resident, household by household, as {@code config/sources/hukou.yaml} maps a registry row. */
    List<RecordAssertions> hukou() throws NormalisationException {
        List<RecordAssertions> out = new ArrayList<>(district.residents().size());
        RelationshipType memberOf = ontology.relationshipType("MEMBER_OF");
        PropertyDef relationToHead = memberOf.property("relationToHead").orElseThrow();
        PropertyDef gender = ontology.nodeType("Person").property("gender").orElseThrow();
        PropertyDef ethnicity = ontology.nodeType("Person").property("ethnicity").orElseThrow();
        for (DistrictPopulation.Household h : district.households()) {
            Map<String, Object> address = address(h.address());
            for (DistrictPopulation.Resident r : h.members()) {
                Map<String, Object> person = new LinkedHashMap<>();
                String name = (String) norm("name", r.name());
                person.put("idNumber", r.idNumber());
                person.put("name", name);
                person.put("nameKey", norm("nameKey", r.name()));
                person.put("gender", code(gender, (String) norm("gender", r.male() ? "男" : "女")));
                person.put("birthDate", r.birthDate());
                person.put("ethnicity", code(ethnicity, r.ethnicity()));
                Map<String, Object> row = new HashMap<>(person);
                row.put("householdNumber", h.number());
                row.put("relationToHead", r.relationToHead());
                row.put("validFrom", r.memberSince());
                row.put("address", address.get("text"));
                row.put("communityCode", h.communityCode());
                List<NodeAssertion> nodes = List.of(
                        new NodeAssertion("person", type("Person"), r.idNumber(), person, WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("household", type("Household"), h.number(), Map.of("householdNumber", h.number()),
                                WriteMode.AUTHORITATIVE, false),
                        new NodeAssertion("address", type("Address"), address.get("text"), address, WriteMode.FILL, false),
                        new NodeAssertion("community", type("Community"), h.communityCode(), Map.of(), WriteMode.REFERENCE, false));
                Map<String, Object> since = Map.of("validFrom", r.memberSince());
                List<RelationshipAssertion> rels = List.of(
                        new RelationshipAssertion(memberOf, "person", "household", Map.of(
                                "relationToHead", code(relationToHead, (String) norm("relationToHead", r.relationToHead())),
                                "validFrom", r.memberSince())),
                        new RelationshipAssertion(ontology.relationshipType("RESIDES_AT"), "person", "address", since),
                        new RelationshipAssertion(ontology.relationshipType("REGISTERED_AT"), "household", "address", Map.of()),
                        new RelationshipAssertion(ontology.relationshipType("IN_COMMUNITY"), "address", "community", Map.of()));
                out.add(new RecordAssertions(ref("hukou", h.number() + "-" + r.idNumber(), row), nodes, rels));
            }
        }
        return out;
    }

    /** One record per vehicle, as {@code config/sources/vehicles.yaml} maps a registry row (owner as FILL). */
    List<RecordAssertions> vehicles() {
        List<RecordAssertions> out = new ArrayList<>(district.vehicles().size());
        for (DistrictPopulation.Vehicle v : district.vehicles()) {
            Map<String, Object> vehicle = Map.of("plate", v.plate(), "vehicleType", v.newEnergy() ? "小型新能源汽车" : "小型汽车",
                    "brand", v.brand(), "registeredOn", v.registeredOn());
            Map<String, Object> row = new HashMap<>(vehicle);
            row.put("ownerIdNumber", v.ownerId());
            out.add(new RecordAssertions(ref("vehicles", v.plate(), row),
                    List.of(new NodeAssertion("vehicle", type("Vehicle"), v.plate(), vehicle, WriteMode.AUTHORITATIVE, true),
                            new NodeAssertion("owner", type("Person"), v.ownerId(), Map.of("idNumber", v.ownerId()), WriteMode.FILL, false)),
                    List.of(new RelationshipAssertion(ontology.relationshipType("OWNS"), "owner", "vehicle",
                            Map.of("validFrom", v.registeredOn())))));
        }
        return out;
    }

    /** One record per case, as {@code config/sources/hotline12345.yaml} maps a case (caller and address as FILL). */
    List<RecordAssertions> cases() throws NormalisationException {
        List<RecordAssertions> out = new ArrayList<>(district.cases().size());
        PropertyDef status = ontology.nodeType("Case").property("status").orElseThrow();
        var datetime = Normalisers.byName("datetime");
        for (DistrictPopulation.Case c : district.cases()) {
            Map<String, Object> kase = new LinkedHashMap<>();
            kase.put("caseNumber", c.caseNumber());
            kase.put("reportedAt", datetime.normalise(RECEIVED.format(c.receivedAt())));
            kase.put("category", c.category());
            kase.put("status", code(status, c.status()));
            kase.put("description", c.description());
            Map<String, Object> address = address(c.address());
            Map<String, Object> row = new HashMap<>(kase);
            row.put("callerIdNumber", c.callerId());
            row.put("address", address.get("text"));
            out.add(new RecordAssertions(ref("hotline12345", c.caseNumber(), row),
                    List.of(new NodeAssertion("case", type("Case"), c.caseNumber(), kase, WriteMode.AUTHORITATIVE, true),
                            new NodeAssertion("caller", type("Person"), c.callerId(), Map.of("idNumber", c.callerId()), WriteMode.FILL, false),
                            new NodeAssertion("address", type("Address"), address.get("text"), address, WriteMode.FILL, false)),
                    List.of(new RelationshipAssertion(ontology.relationshipType("REPORTED_BY"), "case", "caller", Map.of()),
                            new RelationshipAssertion(ontology.relationshipType("CONCERNS"), "case", "address", Map.of()))));
        }
        return out;
    }

    /** One record per disability certificate, as {@code config/sources/civilaffairs.yaml} maps a workbook row. */
    List<RecordAssertions> certificates() {
        List<RecordAssertions> out = new ArrayList<>(district.certificates().size());
        NodeType certificate = type("DisabilityCertificate");
        for (DistrictPopulation.Certificate c : district.certificates()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("certificateNumber", c.number());
            props.put("disabilityCategory", String.valueOf(c.category()));
            props.put("disabilityLevel", String.valueOf(c.level()));
            props.put("issuedOn", c.issuedOn());
            if (c.expiresOn() != null) {
                props.put("expiresOn", c.expiresOn());
            }
            Map<String, Object> row = new HashMap<>(props);
            row.put("holderIdNumber", c.holderId());
            out.add(new RecordAssertions(ref("civilaffairs", c.number(), row),
                    List.of(new NodeAssertion("certificate", certificate, c.number(), props, WriteMode.AUTHORITATIVE, true),
                            new NodeAssertion("holder", type("Person"), c.holderId(), Map.of("idNumber", c.holderId()), WriteMode.FILL, false)),
                    List.of(new RelationshipAssertion(ontology.relationshipType("HELD_BY"), "certificate", "holder", Map.of()))));
        }
        return out;
    }

    /** The address's normalised text and parts, through the loaders' address normalisers (absent parts left out). */
    private static Map<String, Object> address(String raw) throws NormalisationException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", norm("address", raw));
        String[][] parts = {{"road", "addressRoad"}, {"houseNumber", "addressNumber"}, {"buildingNumber", "addressBuilding"},
                {"unitNumber", "addressUnit"}, {"roomNumber", "addressRoom"}};
        for (String[] p : parts) {
            Object v = norm(p[1], raw);
            if (v != null) {
                out.put(p[0], v);
            }
        }
        return out;
    }

    private static Object norm(String normaliser, String raw) throws NormalisationException {
        return Normalisers.byName(normaliser).normalise(raw);
    }

    /** The code list's notation for a value in any of its names (as the source mapping does). */
    private String code(PropertyDef p, String value) {
        return ontology.codeList(p.codeList()).resolve(value)
                .orElseThrow(() -> new IllegalStateException("'" + value + "' is not a code of " + p.codeList())).notation();
    }

    private NodeType type(String label) {
        return ontology.nodeType(label);
    }

    private RecordRef ref(String source, String key, Map<String, Object> row) {
        Map<String, Object> data = new HashMap<>();
        row.forEach((k, v) -> data.put(k, v instanceof LocalDate d ? d.toString() : v == null ? null : v.toString()));
        String json = CanonicalJson.of(data);
        return new RecordRef(source, key, "generated district (seed " + seed + ")", ContentHash.of(json), json);
    }
}
