package org.jiedao.hub.app;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jiedao.hub.simulator.AmqpEventPublisher;
import org.jiedao.hub.simulator.EventSilo;
import org.jiedao.hub.simulator.MqttEventPublisher;
import org.jiedao.hub.simulator.RestSiloServer;
import org.jiedao.hub.simulator.SiloGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hub simulate rest|mqtt|crowd|amqp}: departments that publish rather than export, for the example sources in
 * {@code config/examples}: the kindergarten directory as a paged REST API, parking-sensor events over MQTT, patrol
 * position reports to RabbitMQ. Deterministic per seed; publishers resend a share of events to exercise dedup.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publish simulated departmental feeds: a REST API, MQTT or AMQP events (deterministic per seed).",
        subcommands = {SimulateCommand.Rest.class, SimulateCommand.Mqtt.class, SimulateCommand.Crowd.class, SimulateCommand.Amqp.class})
final class SimulateCommand {
    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})", scope = picocli.CommandLine.ScopeType.INHERIT)
    long seed = SiloGenerator.DEFAULT_SEED;

    EventSilo silo() {
        return new EventSilo(seed, SiloGenerator.DEFAULT_REFERENCE_DATE.atTime(8, 0));
    }

    /** {@code hub simulate rest}: serves the kindergarten directory until interrupted. */
    @Command(name = "rest", mixinStandardHelpOptions = true, description = "Serve the kindergarten directory as a paged REST API (page and cursor pagination) until Ctrl-C.")
    static final class Rest implements Callable<Integer> {
        @ParentCommand
        SimulateCommand parent;

        @Option(names = "--port", description = "TCP port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE})")
        int port = 8089;

        @Option(names = "--kindergartens", description = "number of kindergartens (default: ${DEFAULT-VALUE})")
        int count = 120;

        @Override
        public Integer call() throws Exception {
            try (RestSiloServer server = new RestSiloServer(port, parent.silo().kindergartens(count))) {
                System.out.println("Serving " + count + " kindergartens at " + server.kindergartensUrl()
                        + " (?page=1&size=20, or ?size=20 then ?cursor=<nextCursor>); Ctrl-C to stop.");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            return 0;
        }
    }

    /** {@code hub simulate mqtt}: publishes parking-sensor events. */
    @Command(name = "mqtt", mixinStandardHelpOptions = true, description = "Publish parking-sensor events to an MQTT broker (QoS 1).")
    static final class Mqtt implements Callable<Integer> {
        @ParentCommand
        SimulateCommand parent;

        @Option(names = "--broker", description = "broker URL (default: ${DEFAULT-VALUE})")
        String broker = "tcp://127.0.0.1:1883";

        @Option(names = "--topic-prefix", description = "events go to <prefix>/<device id> (default: ${DEFAULT-VALUE})")
        String prefix = "jiedao/parking";

        @Option(names = "--events", description = "distinct events (default: ${DEFAULT-VALUE})")
        int events = 500;

        @Option(names = "--sensors", description = "number of sensors (default: ${DEFAULT-VALUE})")
        int sensors = 12;

        @Option(names = "--duplicates", description = "share of events sent twice, 0..1 (default: ${DEFAULT-VALUE})")
        double duplicates = 0.05;

        @Override
        public Integer call() throws Exception {
            EventSilo silo = parent.silo();
            List<ObjectNode> sent = silo.withDuplicates(silo.parkingEvents(events, sensors), duplicates);
            try (MqttEventPublisher p = new MqttEventPublisher(broker, "jiedao-simulator-" + ProcessHandle.current().pid(), prefix)) {
                p.publish(sent);
            }
            System.out.println("Published " + sent.size() + " messages (" + events + " distinct events) to " + broker + " " + prefix + "/<device>");
            return 0;
        }
    }

    /** {@code hub simulate crowd}: publishes crowd counters' head counts ({@link org.jiedao.hub.simulator.CrowdSilo}). */
    @Command(name = "crowd", mixinStandardHelpOptions = true,
            description = "Publish crowd counters' head counts to an MQTT broker (QoS 1): ordinary days, then a day with an evening surge.")
    static final class Crowd implements Callable<Integer> {
        @Option(names = "--broker", description = "broker URL (default: ${DEFAULT-VALUE})")
        String broker = "tcp://127.0.0.1:1883";

        @Option(names = "--topic-prefix", description = "counts go to <prefix>/<device id> (default: ${DEFAULT-VALUE})")
        String prefix = "jiedao/crowd";

        @Option(names = "--days", description = "days of counts, the last one with the surge (default: ${DEFAULT-VALUE})")
        int days = 2;

        @Option(names = "--last-day", description = "the surge day (default: today, Beijing time)")
        java.time.LocalDate lastDay = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

        @Override
        public Integer call() throws Exception {
            var silo = new org.jiedao.hub.simulator.CrowdSilo(org.jiedao.hub.simulator.SiloGenerator.DEFAULT_SEED,
                    lastDay.minusDays(days - 1L), days, java.time.Duration.ofMinutes(5));
            try (MqttEventPublisher p = new MqttEventPublisher(broker, "jiedao-simulator-" + ProcessHandle.current().pid(), prefix)) {
                p.publish(silo.counts());
            }
            System.out.println("Published " + silo.counts().size() + " counts of " + days + " days to " + broker + " " + prefix
                    + "/<device>; the surge of zone " + org.jiedao.hub.simulator.CrowdSilo.SURGE_ZONE + " passes the threshold at "
                    + silo.truth().get(org.jiedao.hub.simulator.CrowdSilo.SURGE_ZONE).firstOver());
            return 0;
        }
    }

    /** {@code hub simulate amqp}: publishes patrol position reports. */
    @Command(name = "amqp", mixinStandardHelpOptions = true, description = "Publish patrol position reports to RabbitMQ (persistent, confirmed).")
    static final class Amqp implements Callable<Integer> {
        @ParentCommand
        SimulateCommand parent;

        @Option(names = "--host", description = "broker host (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";

        @Option(names = "--port", description = "broker port (default: ${DEFAULT-VALUE})")
        int port = 5672;

        @Option(names = "--user", description = "user (default: ${DEFAULT-VALUE})")
        String user = "guest";

        @Option(names = "--password", description = "password (default: ${DEFAULT-VALUE})")
        String password = "guest";

        @Option(names = "--exchange", description = "direct exchange (default: ${DEFAULT-VALUE})")
        String exchange = "jiedao.patrol";

        @Option(names = "--queue", description = "queue declared and bound (default: ${DEFAULT-VALUE})")
        String queue = "jiedao.patrol.positions";

        @Option(names = "--routing-key", description = "routing key (default: ${DEFAULT-VALUE})")
        String routingKey = "patrol.position";

        @Option(names = "--events", description = "distinct reports (default: ${DEFAULT-VALUE})")
        int events = 500;

        @Option(names = "--members", description = "number of patrol members (default: ${DEFAULT-VALUE})")
        int members = 20;

        @Option(names = "--duplicates", description = "share of events sent twice, 0..1 (default: ${DEFAULT-VALUE})")
        double duplicates = 0.05;

        @Override
        public Integer call() throws Exception {
            EventSilo silo = parent.silo();
            List<ObjectNode> sent = silo.withDuplicates(silo.patrolPositions(events, members), duplicates);
            try (AmqpEventPublisher p = new AmqpEventPublisher(host, port, user, password, exchange, queue, routingKey)) {
                p.publish(sent);
            }
            System.out.println("Published " + sent.size() + " messages (" + events + " distinct reports) to exchange " + exchange
                    + " (queue " + queue + ")");
            return 0;
        }
    }
}
