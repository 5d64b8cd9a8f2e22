package org.jiedao.hub.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jiedao.hub.api.auth.ApiKeyFile;
import org.jiedao.hub.graph.testing.TestNeo4j;

/**
 * A hub for the partner-exchange tests: the bundled access policy plus a second partner agency
 * ({@code partner:education}, which reads kindergartens only), API keys for both partners and an analyst, and the
 * settings of a hub on the test Neo4j with its HTTP server on a free port.
 *
 * @param env             the hub's settings, to add to and pass to {@link HubSettings#fromEnvironment}
 * @param civilAffairsKey the API key of {@code partner:civil-affairs}
 * @param educationKey    the API key of {@code partner:education}
 * @param analystKey      the API key of an {@code analyst}
 */
record PartnerHubs(Map<String, String> env, String civilAffairsKey, String educationKey, String analystKey) {

    /**
     * @param dir     a fresh folder for the policy, the keys, the sources and the data
     * @param sources the source definitions to copy from config/sources (file names without {@code .yaml})
     * @return the settings and keys
     * @throws Exception if a file cannot be written
     */
    static PartnerHubs prepare(Path dir, String... sources) throws Exception {
        Path repo = TestHubs.repoRoot();
        Path sourcesDir = Files.createDirectories(dir.resolve("sources"));
        for (String s : sources) {
            Files.copy(repo.resolve("config/sources/" + s + ".yaml"), sourcesDir.resolve(s + ".yaml"));
        }
        Path policy = dir.resolve("access.yaml");
        Files.writeString(policy, Files.readString(repo.resolve("config/access.yaml")) + """

                  partner:education:
                    read:
                      Kindergarten: all
                    clear: []
                    purposes: [enrolment-planning]
                """);
        Path keys = dir.resolve("api-keys.yaml");
        String civilAffairs = ApiKeyFile.createKey(keys, "civil-affairs-gateway", "partner:civil-affairs", Map.of());
        String education = ApiKeyFile.createKey(keys, "education-gateway", "partner:education", Map.of());
        String analyst = ApiKeyFile.createKey(keys, "planner", "analyst", Map.of());
        Map<String, String> env = new HashMap<>();
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        env.put("HUB_DATA_DIR", dir.resolve("data").toString());
        env.put("HUB_SOURCES_DIR", sourcesDir.toString());
        env.put("HUB_ACCESS_POLICY", policy.toString());
        env.put("HUB_API_KEYS_FILE", keys.toString());
        env.put("HUB_HTTP_PORT", "0");
        return new PartnerHubs(env, civilAffairs, education, analyst);
    }
}
