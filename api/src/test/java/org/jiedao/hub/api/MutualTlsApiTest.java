package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.auth.ApiKeyFile;
import org.jiedao.hub.api.auth.Authentication;
import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.http.HttpOptions;
import org.jiedao.hub.api.http.TlsOptions;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS with mutual TLS for partner systems: certificates made in the test with the JDK's {@code keytool}; the server
 * trusts the client CA, and a verified client certificate authenticates when its fingerprint is registered.
 */
class MutualTlsApiTest {
    /** The persisted document the partner runs (its role is limited to persisted documents). */
    private static final String PARTNER_LOOKUP = "query PartnerLookup($id: String!) { person(idNumber: $id) { name } }";

    private static final String PASSWORD = "changeit";
    private static Path dir;
    private static ExecutorService blocking;
    private static ApiServer server;
    private static String id;

    @BeforeAll
    static void start() throws Exception {
        id = ApiFixture.writeGraph();
        dir = Files.createTempDirectory("mtls");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", "server.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Test Partner CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        for (String client : List.of("registered", "stranger")) {
            keytool("-genkeypair", "-alias", client, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + client,
                    "-validity", "2", "-keystore", client + ".p12");
            keytool("-certreq", "-alias", client, "-keystore", client + ".p12", "-file", client + ".csr");
            keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", client + ".csr", "-outfile", client + ".crt", "-rfc",
                    "-validity", "2");
            Files.writeString(dir.resolve("ca.crt"), ApiFixtureTls.pem(certificate("ca.p12", "ca")));
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", client + ".p12");
            keytool("-importcert", "-noprompt", "-alias", client, "-file", client + ".crt", "-keystore", client + ".p12");
        }
        keytool("-genkeypair", "-alias", "untrusted", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=untrusted",
                "-validity", "2", "-keystore", "untrusted.p12");
        KeyStore server = load("server.p12");
        Files.writeString(dir.resolve("server.crt"), ApiFixtureTls.pem((X509Certificate) server.getCertificate("server")));
        Files.writeString(dir.resolve("server.key"), TestCredentials.pem("PRIVATE KEY",
                server.getKey("server", PASSWORD.toCharArray()).getEncoded()));
        Path keys = dir.resolve("api-keys.yaml");
        Files.copy(TestCredentials.API_KEYS, keys);
        ApiKeyFile.Contents contents = ApiKeyFile.read(keys);
        List<ApiKeyFile.Entry> certificates = new ArrayList<>();
        certificates.add(new ApiKeyFile.Entry("civil-affairs-gateway", "partner:civil-affairs",
                ApiKeyFile.sha256(certificate("registered.p12", "registered").getEncoded()), Map.of()));
        ApiKeyFile.write(keys, new ApiKeyFile.Contents(contents.apiKeys(), certificates));
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        // the partner's role runs only persisted documents: the one it may send
        Path persisted = Files.createDirectories(dir.resolve("persisted"));
        Files.writeString(persisted.resolve("partner-lookup.graphql"), PARTNER_LOOKUP);
        MutualTlsApiTest.server = ApiServer.start(GraphQLFactory.create(ApiFixture.O, TestNeo4j.driver(), blocking), null, null,
                HttpOptions.DEFAULTS.withPersistedQueriesDir(persisted), Authentication.of(TestCredentials.settings().withApiKeysFile(keys),
                        AccessPolicy.bundled(ApiFixture.O), ApiFixture.O),
                new TlsOptions(dir.resolve("server.crt"), dir.resolve("server.key"), dir.resolve("ca.crt")), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (blocking != null) {
            blocking.shutdownNow();
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", String.join(" ", args), out).isZero();
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private static X509Certificate certificate(String store, String alias) throws Exception {
        return (X509Certificate) load(store).getCertificate(alias);
    }

    /** A client that trusts the server's certificate and presents the given key store's key, or none. */
    private static HttpClient client(String keyStore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate("server.p12", "server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (keyStore == null) {
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            kmf.init(empty, new char[0]);
        } else {
            kmf.init(load(keyStore), PASSWORD.toCharArray());
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    private static HttpResponse<String> post(HttpClient client, String query, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": " + ApiFixture.JSON.valueToTree(query) + "}"));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRegisteredClientCertificateAuthenticatesAsItsPartner() throws Exception {
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(PARTNER_LOOKUP.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/graphql"))
                .header("Content-Type", "application/json").header("X-Purpose-Of-Use", "benefit-eligibility")
                .POST(HttpRequest.BodyPublishers.ofString(ApiFixture.JSON.writeValueAsString(Map.of(
                        "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)),
                        "variables", Map.of("id", id))))).build();
        HttpResponse<String> r = client("registered.p12").send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ApiFixture.JSON.readTree(r.body()).path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
    }

    @Test
    void aVerifiedButUnregisteredClientCertificateIsRefusedWith401() throws Exception {
        HttpResponse<String> r = post(client("stranger.p12"), "{ __typename }");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(ApiFixture.JSON.readTree(r.body()).path("errors").get(0).path("message").asText()).isEqualTo("invalid credential");
    }

    @Test
    void aCertificateTheClientCaDidNotSignDoesNotAuthenticate() throws Exception {
        // the server names the client CA in its certificate request, so the JDK client offers no certificate at all
        HttpResponse<String> r = post(client("untrusted.p12"), "{ __typename }");
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void withoutACertificateTheClientAuthenticatesWithAKeyOverHttps() throws Exception {
        HttpClient anonymous = client(null);
        assertThat(post(anonymous, "{ __typename }").statusCode()).isEqualTo(401);
        assertThat(post(anonymous, "{ __typename }", "X-API-Key", TestCredentials.ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    /** PEM of a certificate. */
    static final class ApiFixtureTls {
        static String pem(X509Certificate c) throws Exception {
            return TestCredentials.pem("CERTIFICATE", c.getEncoded());
        }
    }
}
