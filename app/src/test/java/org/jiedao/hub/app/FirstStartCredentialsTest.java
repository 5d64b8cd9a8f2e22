package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The embedded default's credentials (issue 7): on first start the hub makes its own secrets, an admin API key among
 * them, with owner-only modes, and reuses them afterwards; {@code hub token issue} and {@code hub apikey create} make
 * credentials the running server accepts.
 */
class FirstStartCredentialsTest {
    private static final String QUERY = "{\"query\": \"{ communitiesAggregate { count } }\"}";

    @TempDir
    Path dir;

    private Map<String, String> env() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", dir.resolve("data").toString());
        env.put("HUB_SOURCES_DIR", sources.toString());
        env.put("HUB_HTTP_PORT", "0");
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        return env;
    }

    private static HttpResponse<String> post(Hub hub, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.api().port() + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(QUERY));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cli(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = env();
        CommandLine cli = new CommandLine(new HubCli());
        cli.setExecutionStrategy(parse -> {
            Object command = parse.subcommand().subcommand().commandSpec().userObject();
            if (command instanceof CredentialCommands.Base base) {
                base.env = env;
                base.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
                base.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
            }
            return new CommandLine.RunLast().execute(parse);
        });
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstStartMakesAnAdminKeyWithOwnerOnlyModesThatTheServerAcceptsAndLaterStartsReuseIt() throws Exception {
        Path secrets = dir.resolve("data").resolve("secrets");
        String key;
        try (Hub hub = Hub.start(HubSettings.fromEnvironment(env()))) {
            assertThat(hub.adminKeyFile()).contains(secrets.resolve("admin-api-key"));
            key = Files.readString(secrets.resolve("admin-api-key")).strip();
            assertThat(key).startsWith("hub_").hasSize(47);
            assertThat(mode(secrets)).isEqualTo("rwx------");
            for (String f : new String[] {"admin-api-key", "api-keys.yaml", "jwt-hs256.secret"}) {
                assertThat(mode(secrets.resolve(f))).as(f).isEqualTo("rw-------");
            }
            assertThat(Files.readString(secrets.resolve("api-keys.yaml"))).as("only the hash is in the key file").doesNotContain(key);
            assertThat(post(hub).statusCode()).isEqualTo(401);
            HttpResponse<String> r = post(hub, "X-API-Key", key);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"count\"");
        }
        try (Hub again = Hub.start(HubSettings.fromEnvironment(env()))) {
            assertThat(Files.readString(secrets.resolve("admin-api-key")).strip()).as("the same key").isEqualTo(key);
            assertThat(post(again, "X-API-Key", key).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTokenFromHubTokenIssueIsAcceptedByTheServer() throws Exception {
        try (Hub hub = Hub.start(HubSettings.fromEnvironment(env()))) {
            Run admin = cli("token", "issue", "--subject", "ops", "--role", "admin", "--ttl", "10m");
            assertThat(admin.exit()).as(admin.err()).isZero();
            assertThat(admin.out()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
            assertThat(post(hub, "Authorization", "Bearer " + admin.out()).statusCode()).isEqualTo(200);
            Run caseworker = cli("token", "issue", "--subject", "wang.li", "--role", "caseworker", "--community", "110102001004",
                    "--purpose", "case-handling");
            assertThat(caseworker.exit()).as(caseworker.err()).isZero();
            assertThat(post(hub, "Authorization", "Bearer " + caseworker.out()).statusCode()).isEqualTo(200);
            Run unknown = cli("token", "issue", "--subject", "x", "--role", "superuser");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).contains("superuser").contains("caseworker");
        }
    }

    @Test
    void aKeyFromHubApikeyCreateWorksWithoutARestartAndIsShownOnlyOnce() throws Exception {
        try (Hub hub = Hub.start(HubSettings.fromEnvironment(env()))) {
            Run created = cli("apikey", "create", "--name", "district-planning", "--role", "analyst");
            assertThat(created.exit()).as(created.err()).isZero();
            assertThat(created.out()).startsWith("hub_");
            assertThat(Files.readString(dir.resolve("data/secrets/api-keys.yaml"))).contains("district-planning").doesNotContain(created.out());
            assertThat(post(hub, "X-API-Key", created.out(), "X-Purpose-Of-Use", "planning").statusCode()).isEqualTo(200);
            assertThat(post(hub, "X-API-Key", created.out()).statusCode()).as("an analyst must state a purpose").isEqualTo(403);
            Run twice = cli("apikey", "create", "--name", "district-planning", "--role", "analyst");
            assertThat(twice.exit()).isEqualTo(2);
            assertThat(twice.err()).contains("exists already");
        }
    }

    @Test
    void aCredentialWhoseAttributesDoNotFitItsRolesScopeIsNotMade() throws Exception {
        Run unscoped = cli("token", "issue", "--subject", "wang.li", "--role", "caseworker", "--purpose", "case-handling");
        assertThat(unscoped.exit()).as("a caseworker without communities would see no one").isEqualTo(2);
        assertThat(unscoped.err()).contains("--community");
        assertThat(unscoped.out()).isEmpty();
        Run ignored = cli("apikey", "create", "--name", "bureau", "--role", "partner:civil-affairs", "--attribute", "communities=110102001004");
        assertThat(ignored.exit()).as("the partner role has no scope: the attribute would not limit it").isEqualTo(2);
        assertThat(ignored.err()).contains("communities");
        assertThat(ignored.out()).isEmpty();
    }
}
