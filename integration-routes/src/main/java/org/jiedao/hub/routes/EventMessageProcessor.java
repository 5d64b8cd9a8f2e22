package org.jiedao.hub.routes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jiedao.hub.loaders.read.JsonRecordReader;

/**
 * Ingests one message of an event feed (AMQP or MQTT) as one unit: the body is one JSON event (UTF-8), read with
 * {@link JsonRecordReader#ofDocument}; a body that is not one JSON object is quarantined with its reason (and the
 * message is then acknowledged: it would fail the same way forever). The processor returns only once the write
 * has committed, so the route acknowledges after commit; if the write fails the exception goes back to the route
 * (redelivery, then no acknowledgement).
 */
final class EventMessageProcessor implements Processor {
    private final Ingester ingester;
    private final Function<Exchange, String> location;

    /**
     * @param ingester the source's ingester
     * @param location where a message came from, for quarantine and reports, e.g. {@code queue patrol message 7}
     */
    EventMessageProcessor(Ingester ingester, Function<Exchange, String> location) {
        this.ingester = ingester;
        this.location = location;
    }

    @Override
    public void process(Exchange exchange) {
        SourceStats stats = ingester.stats();
        stats.started();
        try {
            byte[] body = exchange.getIn().getBody(byte[].class);
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            ingester.ingest(List.of(JsonRecordReader.ofDocument(location.apply(exchange), text)));
            stats.finished();
        } catch (RuntimeException e) {
            stats.failed(e.toString());
            throw e;
        }
    }

    @Override
    public String toString() {
        return "ingest events of " + ingester.mapping().definition().id();
    }
}
