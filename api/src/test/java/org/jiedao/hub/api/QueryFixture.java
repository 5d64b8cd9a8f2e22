package org.jiedao.hub.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.ExecutionInput;
import graphql.GraphQL;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.ontology.Ontology;

/**
 * The graph the querying tests run on, written with plain Cypher into an emptied TestNeo4j, and its Java model from
 * which the tests compute the answers they expect. 24 residents {@code i = 1..24}: names with ties and nulls
 * (every sixth has none), birth dates 1980..1984 (every seventh has none), gender female for even {@code i};
 * a 京A vehicle for {@code i % 3 == 0} (owned since 2019-01-01), a 京B vehicle for {@code i % 4 == 0} (owned since
 * 2021-06-01); a RECEIVED case for {@code i % 5 == 0}, a RESOLVED one for {@code i % 5 == 1}, reported at
 * {@link #reportedAt(int)}; household QH{i % 4}
 * registered at 测试路{i % 4}号.
 */
final class QueryFixture {
    static final Ontology O = Ontology.bundled();
    static final ObjectMapper JSON = new ObjectMapper();
    /** The admin access the engine tests run with (the hub's own commands use the same). */
    static final Access ADMIN = Access.internal(AccessPolicy.bundled(O), O, "test");
    private static final String[] NAMES = {"张伟", "李娜", "王强", "刘洋", "陈静", null};

    /** A resident of the fixture. */
    record Resident(int i, String id, String name, LocalDate birthDate, String gender, List<String> plates,
                    List<String> caseStatuses, int household) {
        /** @return the ID number in its old 15-digit form */
        String oldId() {
            return id.substring(0, 6) + id.substring(8, 17);
        }
    }

    private QueryFixture() {
    }

    /** @return the residents, in {@code i} order */
    static List<Resident> residents() {
        List<Resident> out = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            out.add(resident(i, NAMES[i % 6]));
        }
        return out;
    }

    /** @return a resident numbered {@code i} (IDs born 1980-01-01, sequence {@code i}), without vehicles or cases when i > 24 */
    static Resident resident(int i, String name) {
        String id = idNumber(i);
        if (i > 24) {
            return new Resident(i, id, name, null, "1", List.of(), List.of(), 0);
        }
        List<String> plates = new ArrayList<>();
        if (i % 3 == 0) {
            plates.add("京A1%04d".formatted(i));
        }
        if (i % 4 == 0) {
            plates.add("京B2%04d".formatted(i));
        }
        List<String> cases = new ArrayList<>();
        if (i % 5 == 0) {
            cases.add("received");
        }
        if (i % 5 == 1) {
            cases.add("resolved");
        }
        return new Resident(i, id, name, i % 7 == 0 ? null : LocalDate.of(1980 + i % 5, 1 + i % 12, 1 + i),
                i % 2 == 0 ? "2" : "1", plates, cases, i % 4);
    }

    /** @return the 18-digit ID number of resident {@code i} (born 1980-01-01, sequence {@code i}, 0..999) */
    static String idNumber(int i) {
        String body = "11010219800101" + "%03d".formatted(i);
        return body + IdNumber.checkCharacter(body);
    }

    /**
     * When resident {@code i}'s cases were reported: 2026-03-{i} 09:00 China time, stored as a local date-time for odd
     * {@code i} and as an instant with offset +08:00 for even {@code i} (both forms occur in the graph).
     *
     * @param i the resident
     * @return the stored value
     */
    static Object reportedAt(int i) {
        java.time.LocalDateTime local = java.time.LocalDateTime.of(2026, 3, i, 9, 0);
        return i % 2 == 1 ? local : local.atOffset(java.time.ZoneOffset.ofHours(8));
    }

    /** Empties TestNeo4j, applies the graph schema and writes the residents. */
    static void write() {
        TestNeo4j.clear();
        new GraphSchema(O).apply(TestNeo4j.driver());
        insert(residents());
    }

    /** Writes residents (and their household, address, vehicles, cases) with plain Cypher. */
    static void insert(List<Resident> residents) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Resident r : residents) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", r.id());
            row.put("name", r.name());
            row.put("birthDate", r.birthDate());
            row.put("gender", r.gender());
            row.put("household", "QH" + r.household());
            row.put("address", "测试路" + r.household() + "号");
            row.put("vehicles", r.plates().stream().map(p -> Map.of("plate", p,
                    "from", p.startsWith("京A") ? LocalDate.of(2019, 1, 1) : LocalDate.of(2021, 6, 1))).toList());
            List<Map<String, Object>> cases = new ArrayList<>();
            for (int k = 0; k < r.caseStatuses().size(); k++) {
                cases.add(Map.of("caseNumber", "Q-" + r.i() + "-" + k, "status", r.caseStatuses().get(k), "reportedAt", reportedAt(r.i())));
            }
            row.put("cases", cases);
            rows.add(row);
        }
        try (var session = TestNeo4j.driver().session()) {
            session.executeWriteWithoutResult(tx -> tx.run("""
                    UNWIND $rows AS r
                    CREATE (p:Person {idNumber: r.id, gender: r.gender})
                    SET p.name = r.name, p.birthDate = r.birthDate
                    MERGE (h:Household {householdNumber: r.household})
                    MERGE (a:Address {text: r.address})
                    MERGE (h)-[:REGISTERED_AT]->(a)
                    CREATE (p)-[:MEMBER_OF]->(h)
                    FOREACH (v IN r.vehicles | MERGE (x:Vehicle {plate: v.plate}) CREATE (p)-[:OWNS {validFrom: v.from}]->(x))
                    FOREACH (c IN r.cases | CREATE (:Case {caseNumber: c.caseNumber, status: c.status, reportedAt: c.reportedAt})-[:REPORTED_BY]->(p))
                    """, Map.of("rows", rows)).consume());
        }
    }

    /** An in-process engine over TestNeo4j, with its context (statement counter). */
    record Engine(QueryContext context, GraphQL graphql, ExecutorService blocking) implements AutoCloseable {
        /** @return the response in the GraphQL response format, as JSON */
        JsonNode run(String query) {
            return run(asAdmin(query));
        }

        /** @return the response in the GraphQL response format, as JSON */
        JsonNode run(ExecutionInput input) {
            return JSON.valueToTree(graphql.execute(input).toSpecification());
        }

        /** @return {@code data.<field>}, failing on any error */
        JsonNode data(String query, String field) {
            JsonNode r = run(query);
            org.assertj.core.api.Assertions.assertThat(r.path("errors").isMissingNode()).as("errors: %s", r.path("errors")).isTrue();
            return r.path("data").path(field);
        }

        @Override
        public void close() {
            blocking.shutdownNow();
        }
    }

    /** @return the query as an execution input carrying the {@link #ADMIN} access */
    static ExecutionInput asAdmin(String query) {
        return as(ADMIN, query);
    }

    /** @return the query as an execution input carrying this access */
    static ExecutionInput as(Access access, String query) {
        return ExecutionInput.newExecutionInput(query).graphQLContext(Map.of(Access.CONTEXT_KEY, access)).build();
    }

    /** @return an engine as the application builds it, with the default limits */
    static Engine engine() {
        return engine(QueryLimits.DEFAULTS);
    }

    /** @return an engine as the application builds it, with these limits */
    static Engine engine(QueryLimits limits) {
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        QueryContext context = GraphQLFactory.context(O, TestNeo4j.driver(), blocking, limits);
        return new Engine(context, GraphQLFactory.create(context), blocking);
    }

    /** @return the ID numbers of the residents matching, in ID order */
    static List<String> ids(List<Resident> residents, java.util.function.Predicate<Resident> matching) {
        return residents.stream().filter(matching).map(Resident::id).sorted().toList();
    }

    /**
     * Neo4j's order for one key: nulls last ascending, first descending.
     *
     * @param key        the sort value
     * @param descending the direction
     * @return the comparator
     */
    static <T extends Comparable<? super T>> Comparator<Resident> order(Function<Resident, T> key, boolean descending) {
        Comparator<T> values = descending ? Comparator.nullsFirst(Comparator.<T>reverseOrder()) : Comparator.nullsLast(Comparator.<T>naturalOrder());
        return Comparator.comparing(key, values);
    }
}
