package org.jiedao.hub.api.http;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import org.apache.jena.rdf.model.Model;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditEvent;
import org.jiedao.hub.api.audit.AuditInstrumentation;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.audit.AuditUnavailableException;
import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.graph.rdf.EntityNotFoundException;
import org.jiedao.hub.graph.rdf.ExportFormat;
import org.jiedao.hub.graph.rdf.ExportTooLargeException;
import org.jiedao.hub.graph.rdf.RdfExporter;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.Iris;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /export?entity=<Label>:<key>&depth=N&format=turtle|jsonld}: the subgraph around one entity as RDF
 * ({@link RdfExporter}: the ontology's IRIs, relationship properties reified, provenance in W3C PROV-O).
 *
 * <ul>
 * <li>{@code entity} (required): a node label of the ontology and the key value, e.g.
 *     {@code Person:110102900101001}; the key is normalised by its key property's normaliser as the GraphQL root
 *     fields do, so a 15-digit or full-width ID number finds the same person.</li>
 * <li>{@code depth} (default {@value #DEFAULT_DEPTH}): hops from the entity, 0 to {@value RdfExporter#MAX_DEPTH}.</li>
 * <li>{@code format} (default {@code turtle}): {@code turtle} answers {@code text/turtle} (RDF 1.1 Turtle),
 *     {@code jsonld} answers {@code application/ld+json} (JSON-LD 1.1, compacted with the ontology's prefixes).</li>
 * </ul>
 * Answers 200 with the document (UTF-8); 400 with a one-line {@code text/plain} reason for a missing or bad
 * parameter or a subgraph above the exporter's node limit; 404 if no such entity is in the graph; 503 if the
 * hub is shutting down; 500 otherwise (logged). The driver work and serialisation run on the given executor,
 * never on the event loop (DESIGN.md, decision 7).
 */
public final class ExportHandler implements Handler<RoutingContext> {
    /** Depth when the request gives none. */
    public static final int DEFAULT_DEPTH = 1;
    private static final Logger LOG = LoggerFactory.getLogger(ExportHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Ontology ontology;
    private final RdfExporter exporter;
    private final ExecutorService blocking;
    private final AuditLog audit;

    /**
     * @param ontology the ontology (labels and key normalisers of {@code entity})
     * @param exporter the exporter
     * @param blocking executor for the blocking driver calls (virtual threads)
     */
    public ExportHandler(Ontology ontology, RdfExporter exporter, ExecutorService blocking) {
        this(ontology, exporter, blocking, null);
    }

    /**
     * @param ontology the ontology (labels and key normalisers of {@code entity})
     * @param exporter the exporter
     * @param blocking executor for the blocking driver calls (virtual threads)
     * @param audit    the audit trail each export request is recorded in ({@code kind export}: the entity asked for,
     *                 the depth, the format, every entity exported, the size) before it is answered; a request
     *                 whose record cannot be written gets 503; null for none
     */
    public ExportHandler(Ontology ontology, RdfExporter exporter, ExecutorService blocking, AuditLog audit) {
        this.ontology = Objects.requireNonNull(ontology, "ontology");
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.audit = audit;
    }

    /**
     * An entity named as {@code <Label>:<key>}, with its key normalised.
     *
     * @param type the node type
     * @param key  the key value as the loaders store it
     */
    public record Target(NodeType type, Object key) {

        /**
         * Parses {@code <Label>:<key>} (split at the first colon, so keys may contain colons) and normalises the key
         * with its key property's normaliser ({@code hub:normaliser}, {@code text} if none), as the API's root
         * fields do. Shared by {@code GET /export} and {@code hub export}.
         *
         * @param ontology the ontology
         * @param entity   e.g. {@code Person:110102900101001} or {@code Vehicle:京a·12345}
         * @return the type and normalised key
         * @throws IllegalArgumentException with a one-line reason if the form is wrong, the label is not a node label
         *                                  of the ontology (the message lists them) or the key is blank or invalid
         */
        public static Target parse(Ontology ontology, String entity) {
            int colon = entity == null ? -1 : entity.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("entity must be <Label>:<key>, e.g. Person:110102199001010011; was '"
                        + (entity == null ? "" : entity) + "'");
            }
            String label = entity.substring(0, colon).strip();
            NodeType type = ontology.findNodeType(label).orElseThrow(() -> new IllegalArgumentException("unknown entity type '"
                    + label + "'; known types: " + String.join(", ", ontology.nodeTypes().stream().map(NodeType::label).toList())));
            String raw = entity.substring(colon + 1);
            Object key;
            try {
                key = Normalisers.forProperty(type.key()).normalise(raw);
            } catch (NormalisationException e) {
                throw new IllegalArgumentException(type.label() + " " + type.key().name() + ": " + e.getMessage(), e);
            }
            if (key == null) {
                throw new IllegalArgumentException("entity " + label + " has an empty key; give its " + type.key().name());
            }
            return new Target(type, key);
        }

        /** @return {@code Label:key} with the normalised key */
        @Override
        public String toString() {
            return type.label() + ":" + key;
        }
    }

    /**
     * Answers one export request as described on the class.
     *
     * @param ctx the routing context
     */
    @Override
    public void handle(RoutingContext ctx) {
        Target target;
        int depth;
        ExportFormat format;
        AuditEvent.Builder event = AuditEvent.builder(AuditEvent.Kind.EXPORT).principal(ctx.get(Principal.ROUTING_KEY))
                .detail("transport", "http");
        if (ctx.get(Principal.ROUTING_KEY) == null || ((Principal) ctx.get(Principal.ROUTING_KEY)).purpose() == null) {
            event.purpose(ctx.request().getHeader(AuditInstrumentation.PURPOSE_HEADER));
        }
        try {
            String entity = ctx.request().getParam("entity");
            if (entity == null || entity.isBlank()) {
                throw new IllegalArgumentException("parameter entity is required, as <Label>:<key>, e.g. entity=Person:110102199001010011");
            }
            target = Target.parse(ontology, entity);
            depth = depth(ctx.request().getParam("depth"));
            String f = ctx.request().getParam("format");
            format = ExportFormat.of(f == null ? ExportFormat.TURTLE.id() : f);
        } catch (IllegalArgumentException e) {
            answer(ctx, 400, e.getMessage(), event.errors(List.of("BAD_USER_INPUT")));
            return;
        }
        event.subject(new EntityRef(ontology.mergeType(target.type()).label(), target.key()))
                .operation(format.id()).detail("depth", depth);
        CompletableFuture<byte[]> work;
        try {
            work = CompletableFuture.supplyAsync(() -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Model model = exporter.export(target.type(), target.key(), depth);
                exporter.write(model, format, out);
                byte[] bytes = out.toByteArray();
                if (audit != null) {
                    audit.record(event.entities(entities(model)).resultBytes(bytes.length).build());
                }
                return bytes;
            }, blocking);
        } catch (RejectedExecutionException e) {
            text(ctx, 503, "the hub is shutting down");
            return;
        }
        Future.fromCompletionStage(work, ctx.vertx().getOrCreateContext()).onComplete(bytes -> {
            if (bytes.succeeded()) {
                ctx.response().setStatusCode(200).putHeader("Content-Type", format.mediaType() + "; charset=utf-8")
                        .end(Buffer.buffer(bytes.result()));
                return;
            }
            Throwable cause = bytes.cause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : bytes.cause();
            switch (cause) {
                case AuditUnavailableException e -> {
                    LOG.error("export refused: {}", e.getMessage());
                    text(ctx, 503, "the audit trail cannot be written, so the export is not answered; try again later");
                }
                case EntityNotFoundException e -> answer(ctx, 404, e.getMessage(), event.errors(List.of("NOT_FOUND")));
                case ExportTooLargeException e -> answer(ctx, 400, e.getMessage(), event.errors(List.of("TOO_LARGE")));
                case IllegalArgumentException e -> answer(ctx, 400, e.getMessage(), event.errors(List.of("BAD_USER_INPUT")));
                default -> {
                    // the entity's key may be personal (an ID number): only its type goes to the log
                    LOG.error("export of a {} (depth {}) failed", target.type().label(), depth, cause);
                    answer(ctx, 500, "the export failed; see the hub's log", event.errors(List.of("INTERNAL")));
                }
            }
        });
    }

    /** Records a refused or failed export, then answers with a one-line reason (503 if it cannot be recorded). */
    private void answer(RoutingContext ctx, int status, String message, AuditEvent.Builder event) {
        if (audit == null) {
            text(ctx, status, message);
            return;
        }
        event.detail("status", status).resultBytes(message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1L);
        CompletableFuture<Void> recorded;
        try {
            recorded = CompletableFuture.runAsync(() -> audit.record(event.build()), blocking);
        } catch (RejectedExecutionException e) {
            text(ctx, 503, "the hub is shutting down");
            return;
        }
        Future.fromCompletionStage(recorded, ctx.vertx().getOrCreateContext()).onComplete(r -> {
            if (r.succeeded()) {
                text(ctx, status, message);
            } else {
                LOG.error("export refused: {}", r.cause().getMessage());
                text(ctx, 503, "the audit trail cannot be written, so the export is not answered; try again later");
            }
        });
    }

    /**
     * @param model an export
     * @return the entities it holds: its resources with instance IRIs ({@link Iris#entity}) other than source records
     */
    private List<EntityRef> entities(Model model) {
        List<EntityRef> out = new ArrayList<>();
        model.listSubjects().forEachRemaining(r -> {
            String iri = r.isURIResource() ? r.getURI() : null;
            if (iri == null || !iri.startsWith(Iris.ID)) {
                return;
            }
            String rest = iri.substring(Iris.ID.length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || rest.substring(0, slash).equals(RdfExporter.RECORD_LABEL)) {
                return;
            }
            out.add(new EntityRef(rest.substring(0, slash), URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8)));
        });
        return out;
    }

    private static int depth(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_DEPTH;
        }
        try {
            int d = Integer.parseInt(raw.strip());
            if (d >= 0 && d <= RdfExporter.MAX_DEPTH) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("depth must be a whole number from 0 to " + RdfExporter.MAX_DEPTH + ", was '" + raw + "'");
    }

    private static void text(RoutingContext ctx, int status, String message) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", TEXT).end(message + "\n");
        }
    }
}
