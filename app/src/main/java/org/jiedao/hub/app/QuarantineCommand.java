package org.jiedao.hub.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jiedao.hub.graph.server.Neo4jConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hub quarantine}: lists quarantined records with their source, location and reason. */
@Command(name = "quarantine", mixinStandardHelpOptions = true, description = "List quarantined records: source, location, reason.")
final class QuarantineCommand implements Callable<Integer> {
    @Option(names = "--source", description = "only this source id")
    String source;

    @Option(names = "--limit", description = "at most this many (default: ${DEFAULT-VALUE})")
    int limit = 100;

    @Override
    public Integer call() {
        HubSettings settings = HubSettings.fromEnvironment(System.getenv());
        try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
             var session = neo4j.driver().session()) {
            Map<String, Object> params = new HashMap<>();
            params.put("source", source);
            params.put("limit", limit);
            var rows = session.run("""
                    MATCH (q:QuarantinedRecord) WHERE $source IS NULL OR q.source = $source
                    RETURN q.source AS source, q.location AS location, q.reason AS reason
                    ORDER BY source, size(location), location LIMIT $limit""", params).list();
            rows.forEach(r -> System.out.printf("%s\t%s\t%s%n", r.get("source").asString(), r.get("location").asString(),
                    r.get("reason").asString()));
            System.out.printf("%d quarantined record(s) shown%n", rows.size());
            if (source != null && rows.isEmpty()) {
                List<String> known = session.run("MATCH (r:SourceRecord) RETURN DISTINCT r.source AS s ORDER BY s")
                        .list(r -> r.get("s").asString());
                if (!known.contains(source)) {
                    System.err.println("hub quarantine: no source '" + source + "' has written records; sources: " + known);
                    return 2;
                }
            }
        }
        return 0;
    }
}
