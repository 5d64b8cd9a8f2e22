package org.jiedao.hub.routes.exchange;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.jiedao.hub.graph.ops.Agreement;
import org.jiedao.hub.graph.ops.ExchangeLedger;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.Ontology;
import org.neo4j.driver.Driver;

/**
 * The outbound data exchange of one hub process: the declared agreements saved in the operational model, the
 * signing key ({@code <data>/secrets/exchange-signing.jwk}), the archive ({@code <data>/exchange/archive}), one
 * channel per agreement (file drop, SFTP upload, an HTTPS webhook, or an AMQP route in this runtime's Camel context) and the
 * {@link Outbox}.
 *
 * <p>{@link #create} starts the Camel context but schedules nothing; {@link #schedule} adds the timer routes
 * ({@code exchange-schedule-<agreement>} runs an extract every {@code schedule}, {@code exchange-outbox} sends due
 * deliveries). {@link #close()} stops Camel and the ledger; the driver stays open.
 */
public final class ExchangeRuntime implements AutoCloseable {
    private final CamelContext camel;
    private final ExchangeLedger ledger;
    private final Outbox outbox;
    private final Map<String, AgreementDefinition> agreements;
    private final Driver driver;
    private final Ontology ontology;
    private final Clock clock;

    private ExchangeRuntime(CamelContext camel, ExchangeLedger ledger, Outbox outbox,
                            Map<String, AgreementDefinition> agreements, Driver driver, Ontology ontology, Clock clock) {
        this.camel = camel;
        this.ledger = ledger;
        this.outbox = outbox;
        this.agreements = agreements;
        this.driver = driver;
        this.ontology = ontology;
        this.clock = clock;
    }

    /**
     * @param agreements checked agreement definitions ({@link AgreementDefinitions#load})
     * @param driver     the hub's driver (stays open)
     * @param ontology   the ontology they were checked against
     * @param dataDir    the hub's data folder
     * @param clock      the clock
     * @return a started runtime, nothing scheduled
     * @throws Exception if Neo4j, the key, or Camel cannot be prepared
     */
    public static ExchangeRuntime create(List<AgreementDefinition> agreements, Driver driver, Ontology ontology,
                                         Path dataDir, Clock clock) throws Exception {
        return create(agreements, driver, ontology, dataDir, clock, DeliveryRecorder.NONE);
    }

    /**
     * @param agreements checked agreement definitions ({@link AgreementDefinitions#load})
     * @param driver     the hub's driver (stays open)
     * @param ontology   the ontology they were checked against
     * @param dataDir    the hub's data folder
     * @param clock      the clock
     * @param recorder   told of each accepted delivery before it is marked SENT (the app's audit trail)
     * @return a started runtime, nothing scheduled
     * @throws Exception if Neo4j, the key, or Camel cannot be prepared
     */
    public static ExchangeRuntime create(List<AgreementDefinition> agreements, Driver driver, Ontology ontology,
                                         Path dataDir, Clock clock, DeliveryRecorder recorder) throws Exception {
        ExchangeLedger ledger = ExchangeLedger.create(driver);
        CamelContext camel = new DefaultCamelContext();
        try {
            Map<String, AgreementDefinition> byId = new LinkedHashMap<>();
            Map<String, DeliveryChannel> channels = new LinkedHashMap<>();
            for (AgreementDefinition a : agreements) {
                ledger.saveAgreement(toAgreement(a));
                byId.put(a.id(), a);
                channels.put(a.id(), switch (a.channel()) {
                    case "file" -> new FileDropChannel(Path.of(a.file().directory()));
                    case "webhook" -> WebhookChannel.create(camel, a);
                    case "sftp" -> new SftpChannel(a.sftp());
                    default -> AmqpChannel.create(camel, a);
                });
            }
            SigningKey key = SigningKey.loadOrCreate(dataDir.resolve("secrets"));
            Outbox outbox = new Outbox(ledger, DeliveryArchive.under(dataDir), key, agreements, channels, clock, recorder);
            camel.start();
            return new ExchangeRuntime(camel, ledger, outbox, byId, driver, ontology, clock);
        } catch (Exception | Error e) {
            camel.close();
            ledger.close();
            throw e;
        }
    }

    /**
     * @param a a checked definition
     * @return its node in the operational model
     */
    public static Agreement toAgreement(AgreementDefinition a) {
        return new Agreement(a.id(), a.partner(), a.purpose(), a.legalBasis(), a.entity(), a.fields(), a.communities(),
                a.channel(), a.format(), a.effectiveEncoding(), a.validFrom(), a.validUntil());
    }

    /** @return the outbox */
    public Outbox outbox() {
        return outbox;
    }

    /** @return the ledger (agreements and deliveries in Neo4j) */
    public ExchangeLedger ledger() {
        return ledger;
    }

    /**
     * Runs an agreement's extract now and prepares (records and archives, does not send) its delivery.
     *
     * @param agreementId a declared agreement
     * @return the delivery id; empty when the agreement is not valid today, or when its {@code mode} is
     *         {@code changes} and nothing changed since the watermark of its last recorded delivery
     * @throws IllegalArgumentException if no such agreement is declared
     */
    public Optional<String> extractNow(String agreementId) {
        AgreementDefinition a = agreements.get(agreementId);
        if (a == null) {
            throw new IllegalArgumentException("no agreement '" + agreementId + "'; declared: " + agreements.keySet());
        }
        LocalDate today = LocalDate.now(clock.withZone(Normalisers.DEFAULT_ZONE));
        return Optional.ofNullable(outbox.extractIfValid(a, () -> a.changesOnly()
                ? Extract.run(a, ontology, driver, today, ledger.lastWatermark(a.id()).orElse(null), true)
                : Extract.run(a, ontology, driver, today), today));
    }

    /**
     * Adds the timer routes: each agreement's extract every {@code schedule} (first after one period), and the outbox
     * every {@code outboxPoll}.
     *
     * @param outboxPoll how often due deliveries are sent
     * @throws Exception if a route cannot be added
     */
    public void schedule(Duration outboxPoll) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (AgreementDefinition a : agreements.values()) {
                    long period = AgreementDefinitions.parseDuration(a.schedule() == null ? "1d" : a.schedule()).toMillis();
                    fromF("timer:exchange-schedule-%s?period=%d&delay=%d", a.id(), period, period)
                            .routeId("exchange-schedule-" + a.id())
                            .process(e -> extractNow(a.id()));
                }
                fromF("timer:exchange-outbox?period=%d", Math.max(1, outboxPoll.toMillis()))
                        .routeId("exchange-outbox")
                        .process(e -> outbox.deliverDue());
            }
        });
    }

    /** Stops the routes and the ledger's Spring context; the driver stays open. */
    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the exchange routes: " + e.getMessage(), e);
        } finally {
            ledger.close();
        }
    }
}
