package org.jiedao.hub.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.auth.AuthSettings;
import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.graph.ops.DeliveryState;
import org.jiedao.hub.graph.ops.ExchangeLedger;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.routes.exchange.AccessRoles;
import org.jiedao.hub.routes.exchange.AgreementDefinition;
import org.jiedao.hub.routes.exchange.AgreementDefinitionException;
import org.jiedao.hub.routes.exchange.AgreementDefinitions;
import org.jiedao.hub.routes.exchange.DeliveryArchive;
import org.jiedao.hub.routes.exchange.DeliveryVerifier;
import org.jiedao.hub.routes.exchange.ExchangeRuntime;
import org.jiedao.hub.routes.exchange.Outbox;
import org.jiedao.hub.routes.exchange.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hub exchange status|verify|run|ack}: the outbound data exchange with partner agencies (docs/exchange.md).
 * Agreements are read from {@code HUB_AGREEMENTS_DIR} (default {@code config/agreements}) and checked against the
 * ontology and the access policy ({@code HUB_ACCESS_POLICY}, else {@code ./config/access.yaml}, else the bundled
 * one); deliveries are in Neo4j ({@code NEO4J_URI}, or the embedded one under {@code HUB_DATA_DIR}), their archive
 * under {@code HUB_DATA_DIR/exchange/archive} and the signing key in {@code HUB_DATA_DIR/secrets}. Exit status 0 on
 * success, 1 when a delivery does not verify or a send failed, 2 for an unknown agreement or delivery or an invalid
 * agreement file.
 */
@Command(name = "exchange", mixinStandardHelpOptions = true,
        description = "Data exchange with partner agencies: delivery status per agreement, verify an archived delivery, run an extract now, record an acknowledgement.",
        subcommands = {ExchangeCommand.Status.class, ExchangeCommand.Verify.class, ExchangeCommand.Run.class, ExchangeCommand.Ack.class})
final class ExchangeCommand implements Callable<Integer> {
    /** Environment the settings are read from (replaced in tests). */
    Map<String, String> env = System.getenv();
    /** Where results go. */
    PrintStream stdout = System.out;
    /** Where problems go. */
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        stderr.println("hub exchange: give a subcommand: status, verify, run or ack (hub exchange --help)");
        return 2;
    }

    /** @return the agreements directory */
    Path agreementsDir() {
        return agreementsDir(env);
    }

    /**
     * @param env the environment
     * @return {@code HUB_AGREEMENTS_DIR}, default {@code config/agreements}, absolute
     */
    static Path agreementsDir(Map<String, String> env) {
        return Path.of(env.getOrDefault("HUB_AGREEMENTS_DIR", "config/agreements")).toAbsolutePath().normalize();
    }

    /**
     * @param settings the hub's settings
     * @return the declared agreements, checked
     * @throws AgreementDefinitionException naming the file, line and field of the first invalid one
     */
    List<AgreementDefinition> agreements(HubSettings settings) {
        return declared(settings);
    }

    /**
     * @param settings the hub's settings (its environment names the agreements folder and the access policy)
     * @return the declared agreements, checked against the ontology and the access policy
     * @throws AgreementDefinitionException naming the file, line and field of the first invalid one
     */
    static List<AgreementDefinition> declared(HubSettings settings) {
        Path dir = agreementsDir(settings.env());
        Ontology ontology = Ontology.bundled();
        AuthSettings auth = settings.auth();
        AccessPolicy policy = auth.accessPolicy() == null ? AccessPolicy.bundled(ontology) : AccessPolicy.load(auth.accessPolicy(), ontology);
        AccessRoles roles = AccessRoles.of(auth.accessPolicy() == null ? "the bundled access policy" : auth.accessPolicy().toString(),
                policy.roles().values().stream().map(r -> new AccessRoles.Role(r.name(), r.read(), r.clear())).toList());
        return AgreementDefinitions.load(dir, new Placeholders(settings.placeholders()), Path.of("").toAbsolutePath(),
                ontology, roles);
    }

    /**
     * {@code hub exchange status}: per declared agreement, its partner, entity and fields, channel, validity, and its
     * deliveries by state (pending with the next attempt and last error, sent, acknowledged, failed). Changes nothing
     * but the two uniqueness constraints, created if missing.
     */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Per agreement: deliveries pending (next attempt, last error), sent, acknowledged and failed.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        ExchangeCommand parent;

        @Override
        public Integer call() {
            HubSettings settings = HubSettings.fromEnvironment(parent.env);
            List<AgreementDefinition> declared;
            try {
                declared = parent.agreements(settings);
            } catch (AgreementDefinitionException e) {
                parent.stderr.println("hub exchange status: " + e.getMessage());
                return 2;
            }
            try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
                 ExchangeLedger ledger = ExchangeLedger.create(neo4j.driver())) {
                Map<String, Map<DeliveryState, Long>> counts = new LinkedHashMap<>(ledger.counts());
                parent.stdout.printf("%d agreement(s) in %s, as of %s%n", declared.size(), parent.agreementsDir(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS));
                for (AgreementDefinition a : declared) {
                    parent.stdout.printf("%n%s: %s, %s %s, %s %s, valid %s..%s%n", a.id(), a.partner(), a.entity(), a.fields(),
                            a.channel(), a.format(), a.validity().from(), a.validity().until() == null ? "" : a.validity().until());
                    Map<DeliveryState, Long> c = counts.remove(a.id());
                    printCounts(c, ledger.deliveriesOf(a.id()));
                }
                counts.forEach((id, c) -> {
                    parent.stdout.printf("%n%s: no longer declared%n", id);
                    printCounts(c, ledger.deliveriesOf(id));
                });
            }
            return 0;
        }

        private void printCounts(Map<DeliveryState, Long> c, List<Delivery> deliveries) {
            if (c == null) {
                parent.stdout.println("  no deliveries yet");
                return;
            }
            parent.stdout.printf("  pending %d, sent %d, acknowledged %d, failed %d%n", c.get(DeliveryState.PENDING),
                    c.get(DeliveryState.SENT), c.get(DeliveryState.ACKNOWLEDGED), c.get(DeliveryState.FAILED));
            for (Delivery d : deliveries) {
                if (d.state() == DeliveryState.PENDING || d.state() == DeliveryState.FAILED) {
                    parent.stdout.printf("  %s %s: %d attempt(s)%s%s%n", d.state().name().toLowerCase(java.util.Locale.ROOT), d.id(),
                            d.attempts(), d.nextAttemptAt() == null ? "" : ", next at " + d.nextAttemptAt().truncatedTo(ChronoUnit.SECONDS),
                            d.lastError() == null ? "" : ", last error: " + d.lastError());
                }
            }
            deliveries.stream().filter(d -> d.sentAt() != null).findFirst().ifPresent(d ->
                    parent.stdout.printf("  last sent: %s at %s (%d entities)%n", d.id(), d.sentAt().truncatedTo(ChronoUnit.SECONDS),
                            d.entityKeys().size()));
        }
    }

    /**
     * {@code hub exchange verify <deliveryId>}: recomputes the archived payload's SHA-256 and compares it with the
     * recorded hash and the manifest's, and verifies the detached JWS with the hub's key. Prints {@code OK} or
     * {@code BROKEN} with each problem; exit 0 or 1 (2 for an unknown delivery).
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-verify an archived delivery: content hash and signature. Exit 1 if it does not verify.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        ExchangeCommand parent;

        @Parameters(index = "0", paramLabel = "DELIVERY_ID", description = "the delivery id (UUID)")
        String deliveryId;

        @Override
        public Integer call() {
            HubSettings settings = HubSettings.fromEnvironment(parent.env);
            SigningKey key;
            try {
                key = SigningKey.load(settings.dataDir().resolve("secrets"));
            } catch (IllegalStateException e) {
                parent.stderr.println("hub exchange verify: " + e.getMessage());
                return 1;
            }
            try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
                 ExchangeLedger ledger = ExchangeLedger.create(neo4j.driver())) {
                DeliveryVerifier.Verification v = DeliveryVerifier.verify(ledger, DeliveryArchive.under(settings.dataDir()), key, deliveryId);
                if (v.delivery() == null) {
                    parent.stderr.println("hub exchange verify: no delivery " + deliveryId + " is recorded");
                    return 2;
                }
                Delivery d = v.delivery();
                String what = "%s (agreement %s, %s, %d entities, sha256 %s)".formatted(d.id(), d.agreementId(),
                        d.state().name().toLowerCase(java.util.Locale.ROOT), d.entityKeys().size(), d.contentSha256());
                if (v.ok()) {
                    parent.stdout.println("OK " + what + ": hash and signature verify");
                    return 0;
                }
                parent.stdout.println("BROKEN " + what);
                v.problems().forEach(p -> parent.stdout.println("  " + p));
                return 1;
            }
        }
    }

    /**
     * {@code hub exchange run <agreement>}: runs the agreement's extract now (if valid today), records and archives
     * the delivery, then sends every due delivery once, recording each sent one in the audit trail. Prints the new delivery id and what was sent; exit 1 if a
     * delivery stayed pending or failed.
     */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run an agreement's extract now and send due deliveries once.")
    static final class Run implements Callable<Integer> {
        @ParentCommand
        ExchangeCommand parent;

        @Parameters(index = "0", paramLabel = "AGREEMENT", description = "the agreement id")
        String agreementId;

        @Override
        public Integer call() throws Exception {
            HubSettings settings = HubSettings.fromEnvironment(parent.env);
            List<AgreementDefinition> declared;
            try {
                declared = parent.agreements(settings);
            } catch (AgreementDefinitionException e) {
                parent.stderr.println("hub exchange run: " + e.getMessage());
                return 2;
            }
            if (declared.stream().noneMatch(a -> a.id().equals(agreementId))) {
                parent.stderr.println("hub exchange run: no agreement '" + agreementId + "'; declared: "
                        + declared.stream().map(AgreementDefinition::id).toList());
                return 2;
            }
            try (AuditLog audit = AuditLog.open(settings.auditDir(), settings.auditKeyFile(), settings.auditOptions());
                 Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
                 ExchangeRuntime exchange = ExchangeRuntime.create(declared, neo4j.driver(), Ontology.bundled(),
                         settings.dataDir(), Clock.systemUTC(), new AuditedDeliveries(audit))) {
                Optional<String> made = exchange.extractNow(agreementId);
                boolean changes = declared.stream().anyMatch(a -> a.id().equals(agreementId) && a.changesOnly());
                parent.stdout.println(made.map(id -> "delivery " + id + " recorded and archived")
                        .orElse("agreement " + agreementId + ": no delivery (" + (changes
                                ? "not valid today, or nothing changed since its last delivery)" : "not valid today)")));
                Outbox.Round round = exchange.outbox().deliverDue();
                round.sent().forEach(id -> parent.stdout.println("sent " + id));
                round.retrying().forEach(id -> parent.stdout.println("pending " + id + " (send failed; retried with backoff)"));
                round.failed().forEach(id -> parent.stdout.println("failed " + id));
                return round.retrying().isEmpty() && round.failed().isEmpty() ? 0 : 1;
            }
        }
    }

    /**
     * {@code hub exchange ack <deliveryId>}: records that the partner acknowledged a delivery (until partners can
     * acknowledge through an endpoint). Exit 2 if the delivery is unknown or not sent.
     */
    @Command(name = "ack", mixinStandardHelpOptions = true,
            description = "Record the partner's acknowledgement of a sent delivery.")
    static final class Ack implements Callable<Integer> {
        @ParentCommand
        ExchangeCommand parent;

        @Parameters(index = "0", paramLabel = "DELIVERY_ID", description = "the delivery id (UUID)")
        String deliveryId;

        @Override
        public Integer call() {
            HubSettings settings = HubSettings.fromEnvironment(parent.env);
            try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
                 ExchangeLedger ledger = ExchangeLedger.create(neo4j.driver())) {
                if (!ledger.markAcknowledged(deliveryId, Instant.now())) {
                    parent.stderr.println("hub exchange ack: no sent delivery " + deliveryId
                            + ledger.delivery(deliveryId).map(d -> " (it is " + d.state().name().toLowerCase(java.util.Locale.ROOT) + ")").orElse(""));
                    return 2;
                }
                parent.stdout.println("acknowledged " + deliveryId);
                return 0;
            }
        }
    }
}
