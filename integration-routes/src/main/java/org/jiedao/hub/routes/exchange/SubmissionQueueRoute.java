package org.jiedao.hub.routes.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.AmqpOptions;
import org.jiedao.hub.routes.AmqpConsumers;
import org.jiedao.hub.routes.exchange.InboundSubmissions.Receipt;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A partner's submission queue (docs/exchange.md, "Inbound over AMQP"): the route {@code submission-<source>}
 * consumes the {@code amqp.queue} of a {@code kind: inbound} source, one message per submission. The body is a JSON
 * array of records or JSON Lines ({@link SubmissionBodies}), in UTF-8. The submission is attributed to the source's
 * {@code inbound.queueRole}; who may publish to the queue is the broker's permissions' business. Per message:
 * <ol>
 *   <li>its receipt id is a name-based UUID of (source, AMQP {@code message-id}), so a message delivered again finds
 *       its receipt and is not written twice (without a message id, a random UUID);</li>
 *   <li>the {@link SubmissionRecorder} is told (before anything is written);</li>
 *   <li>the records are mapped, validated and written with the bad ones quarantined ({@link InboundSubmissions}); a
 *       body that is not JSON is quarantined whole ({@link InboundSubmissions#refuse});</li>
 *   <li>if the message names a {@code reply-to} queue, the receipt is published there as JSON (the REST endpoint's
 *       receipt), with {@code correlation-id} = the message id and {@code message-id} = the receipt id;</li>
 *   <li>the message is acknowledged. A failure is retried 3 times with backoff from 1 s, then the message is
 *       rejected with requeue and comes again.</li>
 * </ol>
 */
final class SubmissionQueueRoute extends RouteBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SourceDefinition source;
    private final InboundSubmissions submissions;
    private final SubmissionRecorder recorder;

    /**
     * @param source      an inbound source with {@code amqp} options (checked by SourceDefinitions)
     * @param submissions the inbound submissions
     * @param recorder    told of each submission before it is written
     */
    SubmissionQueueRoute(SourceDefinition source, InboundSubmissions submissions, SubmissionRecorder recorder) {
        this.source = source;
        this.submissions = submissions;
        this.recorder = recorder;
    }

    @Override
    public void configure() {
        AmqpOptions a = source.amqp();
        errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(1000).useExponentialBackOff()
                .backOffMultiplier(2).maximumRedeliveryDelay(Duration.ofMinutes(1).toMillis())
                .logStackTrace(false).logExhaustedMessageHistory(false).logRetryAttempted(false));
        String name = "submission-" + source.id();
        CachingConnectionFactory connections = AmqpConsumers.bind(getContext(), name, a);
        RabbitTemplate replies = new RabbitTemplate(connections);
        from(AmqpConsumers.consumerUri(name, a) + "&disableReplyTo=true")
                .routeId(name)
                .process(e -> take(e, replies));
    }

    private void take(Exchange e, RabbitTemplate replies) throws JsonProcessingException {
        String role = source.inbound().effectiveQueueRole();
        String messageId = e.getIn().getHeader(SpringRabbitMQConstants.MESSAGE_ID, String.class);
        String userId = e.getIn().getHeader(SpringRabbitMQConstants.USER_ID, String.class);
        String principal = userId != null ? userId : "amqp:" + source.amqp().queue();
        String receiptId = messageId == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("amqp\u0000" + source.id() + "\u0000" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
        Optional<Receipt> earlier = messageId == null ? Optional.empty() : submissions.receipt(receiptId, role);
        Receipt receipt;
        if (earlier.isPresent()) {
            receipt = earlier.get(); // delivered again after it was written: answer the same receipt
        } else {
            byte[] bytes = e.getIn().getBody(byte[].class);
            String body = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
            List<JsonNode> records;
            String problem = null;
            try {
                records = SubmissionBodies.parse(body, !body.stripLeading().startsWith("["));
            } catch (SubmissionBodies.MalformedSubmissionException ex) {
                records = List.of();
                problem = ex.getMessage();
            }
            recorder.record(source.id(), role, principal, receiptId, records.size(), bytes == null ? 0 : bytes.length);
            receipt = problem == null ? submissions.submit(receiptId, source.id(), role, principal, records)
                    : submissions.refuse(receiptId, source.id(), role, principal, body, problem);
        }
        String replyTo = e.getIn().getHeader(SpringRabbitMQConstants.REPLY_TO, String.class);
        if (replyTo != null && !replyTo.isBlank()) {
            MessageProperties props = new MessageProperties();
            props.setContentType("application/json");
            props.setContentEncoding("utf-8");
            props.setMessageId(receipt.receiptId());
            if (messageId != null) {
                props.setCorrelationId(messageId);
            }
            replies.send("", replyTo, new Message(JSON.writeValueAsBytes(receipt.partnerView()), props));
        }
    }
}
