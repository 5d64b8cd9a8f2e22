package org.jiedao.hub.routes.exchange;

import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.ontology.Ontology;

/**
 * What the exchange tests share: a connection to the real RabbitMQ of 127.0.0.1:5672 (guest), valid ID numbers, and
 * a record of the bundled inbound source {@code civilaffairs-partner} (a disability certificate).
 */
public final class PartnerFixtures {
    private PartnerFixtures() {
    }

    /**
     * @return a new connection to the local broker; the caller closes it
     * @throws Exception if the broker cannot be reached
     */
    public static Connection rabbit() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(5672);
        f.setUsername("guest");
        f.setPassword("guest");
        return f.newConnection();
    }

    /**
     * @param first17 the first 17 characters of an 18-character ID number
     * @return the ID number with its check character (GB 11643-1999)
     */
    public static String id(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    /**
     * @param number   the certificate number
     * @param idNumber the holder's ID number
     * @param name     the holder's name
     * @return one record of the civilaffairs-partner source, as JSON text
     */
    public static String certificate(String number, String idNumber, String name) {
        return """
                {"certificateNumber": "%s", "holderName": "%s", "holderIdNumber": "%s", "category": "肢体残疾",
                 "level": "二级", "issuedOn": "2024-03-01", "expiresOn": "2034-02-28"}""".formatted(number, name, idNumber);
    }

    /**
     * Empties the test Neo4j, applies the schema, loads 西城区's divisions and creates each resident with an address in
     * its community.
     *
     * @param ontology  the ontology
     * @param residents per resident, its community code under {@code community} and its Person properties (at least
     *                  {@code idNumber})
     */
    public static void residentGraph(Ontology ontology, List<Map<String, Object>> residents) {
        TestNeo4j.clear();
        new GraphSchema(ontology).apply(TestNeo4j.driver());
        new RecordWriter(TestNeo4j.driver()).write(
                DivisionAssertions.of(DivisionCodes.xicheng(), ontology, "xicheng_110102.csv"), List.of());
        try (var s = TestNeo4j.driver().session()) {
            for (Map<String, Object> r : residents) {
                Map<String, Object> person = new java.util.HashMap<>(r);
                Object community = person.remove("community");
                s.run("""
                        MATCH (c:Community {code: $community})
                        CREATE (p:Person) SET p = $person
                        CREATE (p)-[:RESIDES_AT]->(:Address {text: '北京市西城区 ' + $person.idNumber})-[:IN_COMMUNITY]->(c)""",
                        Map.of("community", community, "person", person)).consume();
            }
        }
    }
}
