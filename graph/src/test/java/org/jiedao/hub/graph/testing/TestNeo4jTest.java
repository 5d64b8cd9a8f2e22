package org.jiedao.hub.graph.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.jiedao.hub.graph.server.Neo4jConnection;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/** Uses the shared server (one start per test JVM). */
class TestNeo4jTest {

    @Test
    void clearRemovesDataConstraintsAndIndexes() {
        try (Session s = TestNeo4j.driver().session()) {
            s.run("CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE").consume();
            s.run("CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name)").consume();
            s.run("CREATE (:Person {id: 'p1', name: '张三'})-[:LIVES_IN]->(:Household {id: 'h1'})").consume();
        }

        TestNeo4j.clear();

        try (Session s = TestNeo4j.driver().session()) {
            assertThat(s.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong()).isZero();
            assertThat(s.run("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n").single().get("n").asLong()).isZero();
            assertThat(s.run("SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN count(*) AS n")
                    .single().get("n").asLong()).isZero();
        }
    }

    @Test
    void connectionByUriStartsNothing() {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("NEO4J_")) {
                env.put(k, v); // credentials of an external test server, if any
            }
        });
        env.put(Neo4jConnection.ENV_URI, TestNeo4j.boltUri().toString());
        try (Neo4jConnection c = Neo4jConnection.fromEnvironment(env, null)) {
            assertThat(c.embedded()).isFalse();
            assertThat(c.server()).isEmpty();
            assertThat(c.boltUri()).isEqualTo(TestNeo4j.boltUri());
            try (Session s = c.driver().session()) {
                assertThat(s.run("RETURN 1 AS one").single().get("one").asInt()).isEqualTo(1);
            }
        }
    }
}
