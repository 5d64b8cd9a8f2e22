package org.jiedao.hub.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.auth.ApiKeyFile;
import org.jiedao.hub.api.auth.AuthSettings;
import org.jiedao.hub.api.auth.TokenIssuer;
import org.jiedao.hub.ontology.Ontology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub token issue} and {@code hub apikey create}: credentials for the API (docs/security/authentication.md).
 * Both check the role against the access policy (HUB_ACCESS_POLICY, else ./config/access.yaml, else the bundled one)
 * and use the hub's own secrets under {@code <HUB_DATA_DIR>/secrets} unless HUB_JWT_HS256_SECRET_FILE or
 * HUB_API_KEYS_FILE name others. Exit code 2 for an unknown role or a malformed option.
 */
final class CredentialCommands {
    private CredentialCommands() {
    }

    /** Settings and output of both commands; tests replace them. */
    abstract static class Base implements Callable<Integer> {
        /** Environment the settings are read from. */
        Map<String, String> env = System.getenv();
        /** Where the credential goes. */
        PrintStream stdout = System.out;
        /** Where problems go. */
        PrintStream stderr = System.err;

        /** @return the role, if the policy declares it; else prints the declared ones and returns null */
        String checkedRole(HubSettings settings, String role) {
            AuthSettings auth = settings.auth();
            Ontology ontology = Ontology.bundled();
            AccessPolicy policy = auth.accessPolicy() == null ? AccessPolicy.bundled(ontology) : AccessPolicy.load(auth.accessPolicy(), ontology);
            if (!policy.roles().containsKey(role)) {
                stderr.println("hub: role '" + role + "' is not declared in the access policy; declared: "
                        + String.join(", ", policy.roles().keySet().stream().sorted().toList()));
                return null;
            }
            lastPolicy = policy;
            return role;
        }

        private AccessPolicy lastPolicy;

        /**
         * A credential's attributes must fit its role's row-level scope: a scoped role needs the scope's attribute
         * (else the credential would see nothing), and an attribute no scope of the role uses would be silently
         * ignored (e.g. communities on a role without a scope, which reads every community).
         *
         * @param role       a role {@link #checkedRole} accepted
         * @param attributes the credential's attributes
         * @param option     how the command line gives the scope's attribute, for the message
         * @return whether they fit; when not, the reason was printed
         */
        boolean checkedAttributes(String role, Map<String, List<String>> attributes, String option) {
            var scope = java.util.Optional.ofNullable(lastPolicy.roles().get(role).scope()).map(lastPolicy.scopes()::get);
            if (scope.isPresent() && attributes.getOrDefault(scope.get().attribute(), List.of()).isEmpty()) {
                stderr.println("hub: role " + role + " sees only its own " + scope.get().attribute() + " (scope " + scope.get().name()
                        + "): give them with " + option);
                return false;
            }
            for (String name : attributes.keySet()) {
                if (scope.isEmpty() || !scope.get().attribute().equals(name)) {
                    stderr.println("hub: role " + role + " has no scope that uses '" + name + "', so it would read every "
                            + "value of it regardless; leave the attribute out or choose a scoped role");
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code hub token}. */
    @Command(name = "token", mixinStandardHelpOptions = true, description = "Bearer tokens (JWT) for the API.",
            subcommands = {Issue.class})
    static final class Token {
    }

    /** {@code hub token issue --subject S --role R [--community C ...] [--purpose P] [--ttl 8h]}. */
    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Sign an HS256 token with the hub's secret and print it (send it as Authorization: Bearer <token>).")
    static final class Issue extends Base {
        @Option(names = "--subject", required = true, description = "who the token is for (claim sub), e.g. wang.li")
        String subject;
        @Option(names = "--role", required = true, description = "a role of the access policy (claim role)")
        String role;
        @Option(names = "--community", description = "a community code the caller is scoped to (claim communities); repeatable")
        List<String> communities = new ArrayList<>();
        @Option(names = "--purpose", description = "the purpose of use (claim purpose); the X-Purpose-Of-Use header overrides it")
        String purpose;
        @Option(names = "--ttl", description = "how long the token is valid: 30m, 8h, 7d or an ISO-8601 duration (default: ${DEFAULT-VALUE})")
        String ttl = "8h";

        @Override
        public Integer call() throws Exception {
            HubSettings settings = HubSettings.fromEnvironment(env);
            Duration lifetime;
            try {
                lifetime = duration(ttl);
            } catch (IllegalArgumentException e) {
                stderr.println("hub: " + e.getMessage());
                return 2;
            }
            Map<String, List<String>> claims = communities.isEmpty() ? Map.of() : Map.of("communities", List.copyOf(communities));
            if (checkedRole(settings, role) == null || !checkedAttributes(role, claims, "--community")) {
                return 2;
            }
            Path secret = LocalCredentials.hs256Secret(settings);
            if (!Files.exists(secret)) {
                stderr.println("hub: no HS256 secret at " + secret + ": start the hub once (./hub serve or ./hub demo) to make it,"
                        + " or set HUB_JWT_HS256_SECRET_FILE");
                return 1;
            }
            AuthSettings auth = settings.auth();
            stdout.println(new TokenIssuer(secret).issue(subject, role, claims, purpose, lifetime, auth.issuer(), auth.audience()));
            return 0;
        }

        /** @return 30s, 30m, 8h, 7d, or an ISO-8601 duration such as PT8H */
        static Duration duration(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            try {
                if (t.matches("\\d+[smhd]")) {
                    long n = Long.parseLong(t.substring(0, t.length() - 1));
                    return switch (t.charAt(t.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                }
                return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--ttl must be like 30m, 8h, 7d or PT8H, was '" + text + "'");
            }
        }
    }

    /** {@code hub apikey}. */
    @Command(name = "apikey", mixinStandardHelpOptions = true, description = "API keys of partner systems.",
            subcommands = {Create.class})
    static final class ApiKey {
    }

    /** {@code hub apikey create --name N --role R [--attribute k=v ...]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key, store its SHA-256 in the API key file and print the key; it is shown only this once.")
    static final class Create extends Base {
        @Option(names = "--name", required = true, description = "the partner system's name, unique (the principal's id)")
        String name;
        @Option(names = "--role", required = true, description = "a role of the access policy")
        String role;
        @Option(names = "--attribute", description = "a principal attribute, e.g. communities=110102001004; repeatable, values of one name add up")
        List<String> attributes = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            HubSettings settings = HubSettings.fromEnvironment(env);
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (String a : attributes) {
                int eq = a.indexOf('=');
                if (eq <= 0 || eq == a.length() - 1) {
                    stderr.println("hub: --attribute must be name=value, was '" + a + "'");
                    return 2;
                }
                values.computeIfAbsent(a.substring(0, eq).strip(), k -> new ArrayList<>()).add(a.substring(eq + 1).strip());
            }
            if (checkedRole(settings, role) == null || !checkedAttributes(role, values, "--attribute <name>=<value>")) {
                return 2;
            }
            Path file = LocalCredentials.apiKeys(settings);
            if (settings.auth().apiKeysFile() == null && settings.auth().hasCredentials()) {
                stderr.println("hub: set HUB_API_KEYS_FILE: with token keys configured, the hub reads API keys only from that file");
                return 2;
            }
            if (settings.auth().apiKeysFile() == null) {
                LocalCredentials.resolve(settings); // the hub's own secrets folder, with mode 700, and its admin key
            }
            try {
                stdout.println(ApiKeyFile.createKey(file, name, role, values));
            } catch (IllegalArgumentException e) {
                stderr.println("hub: " + e.getMessage());
                return 2;
            }
            stderr.println("stored the key's SHA-256 as '" + name + "' (role " + role + ") in " + file
                    + "; the key is not kept anywhere else: send it as X-API-Key");
            return 0;
        }
    }
}
