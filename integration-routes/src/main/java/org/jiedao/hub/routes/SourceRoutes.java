package org.jiedao.hub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.jiedao.hub.graph.write.RecordWriter;

/**
 * One Camel route per declared source (DESIGN.md, decision 5), chosen by the source's kind; route ids are
 * {@code source-<id>}. Each kind has its own route builder: {@link FileSourceRoute}, {@link JdbcSourceRoute},
 * {@link RestSourceRoute}, {@link AmqpSourceRoute}, {@link MqttSourceRoute}.
 */
final class SourceRoutes {
    private SourceRoutes() {
    }

    /**
     * @param ingester the source's ingester (its mapping holds the definition)
     * @param writer   the graph writer (for file-level quarantine entries)
     * @return the route builder for the source's kind
     * @throws IllegalArgumentException for an inbound source, which has no route
     */
    static RouteBuilder forSource(Ingester ingester, RecordWriter writer) {
        return switch (ingester.mapping().definition().kind()) {
            case FILE -> new FileSourceRoute(ingester, writer);
            case JDBC -> new JdbcSourceRoute(ingester);
            case REST -> new RestSourceRoute(ingester);
            case AMQP -> new AmqpSourceRoute(ingester);
            case MQTT -> new MqttSourceRoute(ingester);
            case INBOUND -> throw new IllegalArgumentException(ingester.mapping().definition().id()
                    + " is an inbound source: partners submit its records, no route fetches them");
        };
    }

    /** Failures are counted and logged in one line by the processors; no stack traces for bad input. */
    static void quietErrors(RouteBuilder routes) {
        routes.errorHandler(routes.defaultErrorHandler().logStackTrace(false).logExhausted(false)
                .logExhaustedMessageHistory(false));
    }
}
