package org.jiedao.hub.routes.exchange;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;

/**
 * The partners' submission queues of one hub process: a Camel context with one {@link SubmissionQueueRoute} per
 * {@code kind: inbound} source that has {@code amqp} options. Sources without them take submissions over REST only.
 */
public final class SubmissionQueues implements AutoCloseable {
    private final CamelContext camel;
    private final List<String> sources;

    private SubmissionQueues(CamelContext camel, List<String> sources) {
        this.camel = camel;
        this.sources = sources;
    }

    /**
     * Starts consuming every inbound source's queue.
     *
     * @param mappings    the compiled source definitions
     * @param submissions the inbound submissions (built from the same definitions)
     * @param recorder    told of each submission before it is written (the audit trail)
     * @return the running queues (none when no inbound source has a queue)
     * @throws Exception if Camel cannot start a route (a broker that is down is not an error: the consumer retries)
     */
    public static SubmissionQueues start(List<SourceMapping> mappings, InboundSubmissions submissions,
                                         SubmissionRecorder recorder) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        List<String> ids = new java.util.ArrayList<>();
        try {
            for (SourceMapping m : mappings) {
                SourceDefinition d = m.definition();
                if (d.kind() == SourceKind.INBOUND && d.amqp() != null) {
                    camel.addRoutes(new SubmissionQueueRoute(d, submissions, recorder));
                    ids.add(d.id());
                }
            }
            camel.start();
            return new SubmissionQueues(camel, List.copyOf(ids));
        } catch (Exception | Error e) {
            camel.close();
            throw e;
        }
    }

    /** @return the ids of the inbound sources whose queues are consumed */
    public List<String> sources() {
        return sources;
    }

    /** Stops consuming; messages not yet acknowledged are delivered again to the next consumer. */
    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the submission queues: " + e.getMessage(), e);
        }
    }
}
