package org.jiedao.hub.app;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.routes.exchange.AgreementDefinition;
import org.jiedao.hub.routes.exchange.ExchangeRuntime;
import org.neo4j.driver.Driver;

/**
 * The outbound data exchange inside {@code hub serve} (docs/exchange.md): when agreements are declared
 * ({@code HUB_AGREEMENTS_DIR}), starts an {@link ExchangeRuntime} on the hub's driver with each agreement's scheduled
 * extract and the outbox sending due deliveries every {@link #OUTBOX_POLL}. Kept apart from {@link Hub} so the
 * exchange stays one call in {@link ServeCommand}.
 */
final class ExchangeService {
    /** How often the outbox looks for due deliveries. */
    static final Duration OUTBOX_POLL = Duration.ofSeconds(10);

    private ExchangeService() {
    }

    /**
     * Reads and checks the declared agreements; call before anything starts, so a bad file stops the hub at once.
     *
     * @param settings the hub's settings
     * @return the agreements (empty when none is declared)
     * @throws org.jiedao.hub.routes.exchange.AgreementDefinitionException naming the file, line and field
     */
    static List<AgreementDefinition> declared(HubSettings settings) {
        return ExchangeCommand.declared(settings);
    }

    /**
     * @param agreements the agreements {@link #declared} returned
     * @param settings   the hub's settings
     * @param driver     the hub's driver (stays open)
     * @param audit      the hub's audit trail; every delivery is recorded in it before it counts as sent
     * @param out        where the one-line summary goes
     * @return the running exchange, closed at JVM shutdown; empty when no agreement is declared
     * @throws Exception if the exchange cannot start
     */
    static Optional<ExchangeRuntime> start(List<AgreementDefinition> agreements, HubSettings settings, Driver driver,
                                           AuditLog audit, PrintStream out) throws Exception {
        if (agreements.isEmpty()) {
            return Optional.empty();
        }
        ExchangeRuntime exchange = ExchangeRuntime.create(agreements, driver, Ontology.bundled(), settings.dataDir(),
                Clock.systemUTC(), new AuditedDeliveries(audit));
        exchange.schedule(OUTBOX_POLL);
        Runtime.getRuntime().addShutdownHook(new Thread(exchange::close, "exchange-shutdown"));
        out.println("exchange: " + agreements.size() + " agreement(s) " + agreements.stream().map(AgreementDefinition::id).toList()
                + "; hub exchange status shows their deliveries");
        return Optional.of(exchange);
    }
}
