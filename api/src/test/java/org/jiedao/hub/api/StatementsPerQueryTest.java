package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import graphql.GraphQL;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetchingEnvironment;

import org.jiedao.hub.api.cypher.SelectionTranslator.ConnectionStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each root field costs one Cypher statement however deep and filtered its selection; totalCount only when asked. */
class StatementsPerQueryTest {
    private static QueryFixture.Engine engine;

    @BeforeAll
    static void graph() {
        QueryFixture.write();
        // lists without 'first' count 20 each: this deliberately deep query is above the default complexity limit
        engine = QueryFixture.engine(QueryLimits.DEFAULTS.withMaxComplexity(1_000_000));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void twoRootFieldsNestedFourLevelsOverListsRunTwoStatements() {
        String query = """
                { persons(first: 10, sort: [{name: ASC}], where: {household: {some: {householdNumber: {startsWith: "QH"}}}}) {
                    totalCount
                    edges { node { name
                      household { members(sort: [{birthDate: DESC}], first: 5) { name
                        vehicles(where: {plate: {startsWith: "京"}}) { plate
                          owner { cases(where: {status: {ne: WITHDRAWN}}) { caseNumber status } } } } } } } }
                  households(first: 2) { edges { node { householdNumber
                    members { vehicles { owner { household { members { name } } } } } } } } }""";
        long before = engine.context().cypher().statementCount();
        JsonNode r = engine.run(query);
        long statements = engine.context().cypher().statementCount() - before;
        assertThat(r.path("errors").isMissingNode()).as("%s", r.path("errors")).isTrue();
        assertThat(statements).isEqualTo(2);
        JsonNode persons = r.path("data").path("persons");
        assertThat(persons.path("edges")).hasSize(10);
        assertThat(persons.path("totalCount").asInt()).isEqualTo(24);
        assertThat(r.path("data").path("households").path("edges")).hasSize(2);
        JsonNode withVehicles = persons.path("edges").findValues("vehicles").stream().filter(v -> !v.isEmpty()).findFirst().orElseThrow();
        assertThat(withVehicles.get(0).path("owner").path("cases").isArray()).isTrue();
    }

    @Test
    void totalCountIsComputedOnlyWhenSelected() {
        List<DataFetchingEnvironment> fetched = new ArrayList<>();
        GraphQL capturing = GraphQL.newGraphQL(engine.graphql().getGraphQLSchema()).instrumentation(new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
                if (parameters.getEnvironment().getField().getName().equals("persons")) {
                    fetched.add(parameters.getEnvironment());
                }
                return super.beginFieldFetch(parameters, state);
            }
        }).build();
        var without = capturing.execute(QueryFixture.asAdmin("{ persons(first: 3) { edges { node { name } } } }"));
        var with = capturing.execute(QueryFixture.asAdmin("{ persons(first: 3) { totalCount edges { node { name } } } }"));
        assertThat(without.getErrors()).isEmpty();
        assertThat(with.getErrors()).isEmpty();
        assertThat(fetched).hasSize(2);
        ConnectionStatement a = statement(fetched.get(0));
        ConnectionStatement b = statement(fetched.get(1));
        assertThat(a.totalCount()).isFalse();
        assertThat(a.statement().cypher()).doesNotContain("COUNT {");
        assertThat(b.totalCount()).isTrue();
        assertThat(b.statement().cypher()).contains("COUNT {");
        assertThat(((java.util.Map<?, ?>) ((java.util.Map<?, ?>) with.getData()).get("persons")).get("totalCount")).isEqualTo(24);
    }

    private static ConnectionStatement statement(DataFetchingEnvironment env) {
        return engine.context().translator().connectionQuery(QueryFixture.O.nodeType("Person"), env.getArguments(), env.getSelectionSet(), QueryFixture.ADMIN);
    }
}
