package org.jiedao.hub.app;

import java.util.Optional;

import org.neo4j.driver.Driver;

/** Finds a resident who appears in all three demo silos and writes the GraphQL query the demo prints. */
final class ExampleQuery {
    static final String PERSON_QUERY = """
            { person(idNumber: "%s") { name gender birthDate \
            household { householdNumber members { name relationToHead } } \
            vehicles { plate } \
            cases { caseNumber category reportedAt status } \
            address { text community { code name subdistrict { code name district { name } } } } \
            sources { source recordKey ingestedAt } } }""";

    private ExampleQuery() {
    }

    /** @return the smallest ID number of a person with household members, a vehicle and a case, if any */
    static Optional<String> find(Driver driver) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (p:Person)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(other:Person)
                    WHERE other <> p AND EXISTS { (p)-[:OWNS]->(:Vehicle) } AND EXISTS { (:Case)-[:REPORTED_BY]->(p) }
                    RETURN DISTINCT p.idNumber AS id ORDER BY id LIMIT 1""").list(r -> r.get("id").asString()))
                    .stream().findFirst();
        }
    }

    static String query(String idNumber) {
        return PERSON_QUERY.formatted(idNumber);
    }

    /**
     * @param graphqlUrl   the endpoint
     * @param idNumber     the resident's ID number
     * @param adminKeyFile the file of the admin key, sent as {@code X-API-Key}, or null to send none (credentials
     *                     configured by the operator)
     * @return the command line
     */
    static String curl(String graphqlUrl, String idNumber, String adminKeyFile) {
        String body = "{\"query\":\"" + query(idNumber).replace("\"", "\\\"") + "\"}";
        String key = adminKeyFile == null ? " -H \"X-API-Key: $HUB_API_KEY\"" : " -H \"X-API-Key: $(cat " + adminKeyFile + ")\"";
        return "curl -s " + graphqlUrl + key + " -H 'Content-Type: application/json' -d '" + body + "'";
    }
}
