package org.jiedao.hub.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import java.nio.file.Path;
import java.util.Optional;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.auth.Authentication;
import org.jiedao.hub.api.GraphQLFactory;
import org.jiedao.hub.api.refs.NodeRefs;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.http.ExportHandler;
import org.jiedao.hub.api.http.RateLimitHandler;
import org.jiedao.hub.api.http.RateLimiter;
import org.jiedao.hub.graph.feed.ChangeFeed;
import org.jiedao.hub.graph.ops.Operations;
import org.jiedao.hub.graph.rdf.RdfExporter;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceCatalog;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.routes.IntegrationRuntime;

/**
 * The running hub, wired from its parts (the composition root): Neo4j (embedded process or external server), the
 * schema derived from the ontology, the division reference data, one Camel route per declared source, and the
 * GraphQL API with the RDF export, the metrics and the subscriptions (the writer publishes committed entity
 * changes into one {@link ChangeFeed} that the API's {@code entityChanged} reads), behind authentication with the
 * configured credentials or, when none is configured, the hub's own ({@link LocalCredentials}), with each role's rate
 * limit, and the audit trail every API request and export is recorded in ({@link AuditLog} under
 * {@code HUB_AUDIT_DIR}). {@link #close()} stops them in
 * reverse order, the embedded Neo4j process last.
 */
public final class Hub implements AutoCloseable {
    private final Neo4jConnection neo4j;
    private final IntegrationRuntime routes;
    private final ApiServer api;
    private final ExecutorService blocking;
    private final PrometheusMeterRegistry metrics;
    private final Operations operations;
    private final ChangeFeed changes;
    private final AuditLog audit;
    private final ResolutionSetup resolution;
    private final java.util.concurrent.ScheduledExecutorService resolver;

    private final Path adminKeyFile;
    private final boolean https;
    private final LazyAcknowledgements acknowledgements;
    private final org.jiedao.hub.routes.exchange.SubmissionQueues queues;
    private final CrowdMonitoring crowd;
    /** The proactive services (catalogue, eligibility, prefill, notices); set once at start. */
    private ProactiveServices services;
    /** The notice route, when a channel is configured (HUB_NOTICES_CHANNEL); null otherwise. */
    private org.jiedao.hub.routes.notices.NoticeRoute notices;

    private Hub(Neo4jConnection neo4j, IntegrationRuntime routes, ApiServer api, ExecutorService blocking,
                PrometheusMeterRegistry metrics, Operations operations, ChangeFeed changes, AuditLog audit,
                ResolutionSetup resolution, java.util.concurrent.ScheduledExecutorService resolver, Path adminKeyFile,
                boolean https, LazyAcknowledgements acknowledgements,
                org.jiedao.hub.routes.exchange.SubmissionQueues queues, CrowdMonitoring crowd) {
        this.crowd = crowd;
        this.acknowledgements = acknowledgements;
        this.queues = queues;
        this.resolution = resolution;
        this.resolver = resolver;
        this.adminKeyFile = adminKeyFile;
        this.https = https;
        this.neo4j = neo4j;
        this.routes = routes;
        this.api = api;
        this.blocking = blocking;
        this.metrics = metrics;
        this.operations = operations;
        this.changes = changes;
        this.audit = audit;
    }

    /**
     * Starts everything. Source definitions are read and checked before Neo4j starts, so a bad definition fails
     * fast with its file and problem.
     *
     * @param settings configuration
     * @return the running hub
     * @throws Exception if any part cannot start; whatever had started is stopped again
     */
    public static Hub start(HubSettings settings) throws Exception {
        Ontology ontology = Ontology.bundled();
        org.jiedao.hub.api.http.HttpOptions http = settings.http(); // a malformed setting fails before anything starts
        org.jiedao.hub.api.http.TlsOptions tls = settings.tls();
        LocalCredentials.Resolved credentials = LocalCredentials.resolve(settings);
        AccessPolicy policy = credentials.auth().accessPolicy() == null ? AccessPolicy.bundled(ontology)
                : AccessPolicy.load(credentials.auth().accessPolicy(), ontology);
        Authentication authentication = Authentication.of(credentials.auth(), policy, ontology);
        List<SourceMapping> mappings = SourceCatalog.load(settings.sourcesDir(), new Placeholders(settings.placeholders()),
                java.nio.file.Path.of("").toAbsolutePath(), ontology);
        SubmissionEndpoints.checkRoles(mappings, policy); // an inbound source naming an unknown role fails here
        ResolutionConfig resolutionConfig = ResolutionConfig.load(settings.env()); // a bad file fails before Neo4j starts
        CrowdConfig crowdConfig = CrowdConfig.load(settings.env());
        // the service catalogue and the notice channel: a bad definition or setting fails before Neo4j starts
        org.jiedao.hub.analytics.ServiceCatalogue serviceCatalogue = ProactiveServices.catalogue(settings.env(), ontology);
        java.util.Optional<org.jiedao.hub.routes.notices.NoticeChannel> noticeChannel =
                ProactiveServices.channel(settings.env(), settings.dataDir());
        java.time.Duration noticePeriod = ProactiveServices.period(settings.env());
        org.jiedao.hub.api.analytics.ServiceFields.use(serviceCatalogue);
        Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
        IntegrationRuntime routes = null;
        ResolutionSetup resolution = null;
        java.util.concurrent.ScheduledExecutorService resolver = null;
        Operations operations = null;
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        ChangeFeed changes = new ChangeFeed(); // the writer publishes committed changes; the API's subscriptions read them
        AuditLog audit = null;
        LazyAcknowledgements acknowledgements = null;
        org.jiedao.hub.routes.exchange.SubmissionQueues queues = null;
        CrowdMonitoring crowd = null;
        try {
            audit = AuditLog.open(settings.auditDir(), settings.auditKeyFile(), settings.auditOptions());
            RecordWriter writer = GraphSetup.prepare(neo4j.driver(), ontology, changes);
            operations = Operations.create(neo4j.driver()); // sources, ingestion runs, JDBC watermarks
            resolution = ResolutionSetup.create(neo4j.driver(), ontology, resolutionConfig);
            routes = new IntegrationRuntime(mappings, writer, operations, settings.batchSize());
            routes.start();
            resolver = scheduleResolution(resolution, resolutionConfig.interval());
            PrometheusMeterRegistry metrics = HubMetrics.create(routes, mappings);
            var inbound = new org.jiedao.hub.routes.exchange.InboundSubmissions(mappings, writer, neo4j.driver(),
                    java.time.Clock.systemUTC());
            inbound.prepare();
            queues = org.jiedao.hub.routes.exchange.SubmissionQueues.start(mappings, inbound, new AuditedSubmissions(audit));
            acknowledgements = new LazyAcknowledgements(neo4j.driver(), java.time.Clock.systemUTC());
            crowd = CrowdMonitoring.start(neo4j.driver(), crowdConfig, new AuditedCrowdAlerts(audit));
            List<org.jiedao.hub.api.http.ExtraRoute> partnerRoutes = new java.util.ArrayList<>(
                    new SubmissionEndpoints(inbound, audit, blocking, http.maxBodyBytes()).routes());
            partnerRoutes.addAll(new DeliveryEndpoints(acknowledgements, audit, blocking).routes());
            ApiServer api = ApiServer.start(GraphQLFactory.create(GraphQLFactory.context(ontology, neo4j.driver(), blocking,
                            settings.queryLimits(), NodeRefs.loadOrCreate(settings.nodeRefKeyFile())), changes, resolution.resolution()),
                    new ExportHandler(ontology, new RdfExporter(neo4j.driver(), ontology), blocking, audit),
                    metrics::scrape, http, authentication, tls,
                    List.of(new RateLimitHandler(authentication.policy(), new RateLimiter(), HubMetrics.rateLimitRefusals(metrics))),
                    audit, partnerRoutes,
                    settings.httpHost(), settings.httpPort());
            Hub hub = new Hub(neo4j, routes, api, blocking, metrics, operations, changes, audit, resolution, resolver,
                    credentials.adminKeyFile().orElse(null), tls != null, acknowledgements, queues, crowd);
            hub.services = new ProactiveServices(serviceCatalogue, neo4j.driver(), ontology);
            if (noticeChannel.isPresent()) {
                org.jiedao.hub.routes.notices.NoticeLedger ledger = new org.jiedao.hub.routes.notices.NoticeLedger(neo4j.driver());
                ledger.ensureSchema();
                org.jiedao.hub.routes.notices.NoticeOutbox outbox = ProactiveServices.outbox(ledger, noticeChannel.get(),
                        new AuditedNotices(audit));
                ProactiveServices services = hub.services;
                try {
                    hub.notices = new org.jiedao.hub.routes.notices.NoticeRoute(outbox,
                            () -> services.createNotices(ledger, ProactiveServices.today()), noticePeriod);
                } catch (Exception e) {
                    hub.close();
                    throw e;
                }
            }
            return hub;
        } catch (Exception | Error e) {
            if (crowd != null) {
                crowd.close();
            }
            if (resolver != null) {
                resolver.shutdownNow();
            }
            if (resolution != null) {
                resolution.close();
            }
            changes.close();
            if (queues != null) {
                queues.close();
            }
            if (acknowledgements != null) {
                acknowledgements.close();
            }
            if (audit != null) {
                audit.close();
            }
            if (routes != null) {
                routes.close();
            }
            if (operations != null) {
                operations.close();
            }
            blocking.shutdownNow();
            neo4j.close();
            throw e;
        }
    }

    /**
     * Resolves the provisional persons that ingestion writes, every {@code interval}, one run at a time, on a daemon
     * thread; a failed run is logged and the next one tries again.
     */
    private static java.util.concurrent.ScheduledExecutorService scheduleResolution(ResolutionSetup resolution,
                                                                                   java.time.Duration interval) {
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "entity-resolution");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                resolution.resolution().resolvePending();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Hub.class).warn("entity resolution run failed; the next run tries again", e);
            }
        }, interval.toMillis(), interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** @return the hub's person entity resolution (the running hub also resolves on its own, every interval) */
    public org.jiedao.hub.graph.entity.EntityResolution resolution() {
        return resolution.resolution();
    }

    /** @return the crowd-density monitor ({@code config/crowd.yaml}); it also runs on its own every {@code evaluateEvery} */
    public org.jiedao.hub.analytics.CrowdMonitor crowd() {
        return crowd.monitor();
    }

    /** @return the Neo4j connection */
    public Neo4jConnection neo4j() {
        return neo4j;
    }

    /** @return the ingestion routes */
    public IntegrationRuntime routes() {
        return routes;
    }

    /**
     * @return the file holding the clear key of the first-start {@code admin} credential, when the hub made its own
     *         credentials (none configured); empty otherwise
     */
    public Optional<Path> adminKeyFile() {
        return Optional.ofNullable(adminKeyFile);
    }

    /** @return the API's base URL, e.g. {@code http://127.0.0.1:8080} ({@code https} with TLS) */
    public String apiUrl(HubSettings settings) {
        return (https ? "https" : "http") + "://" + settings.httpHost() + ":" + api.port();
    }

    /** @return the API server */
    public ApiServer api() {
        return api;
    }

    /** @return the feed of entity changes the writer publishes into and the API's subscriptions read */
    public ChangeFeed changes() {
        return changes;
    }

    /** @return the audit trail the API records into; deliveries record here too ({@link AuditLog#record}) */
    public AuditLog audit() {
        return audit;
    }

    /** @return the proactive services: the catalogue, and the notices' producer */
    ProactiveServices services() {
        return services;
    }

    /** @return the metrics registry served at {@code /metrics} */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Stops the API, the audit trail, the routes, the driver and the embedded Neo4j process, in that order. */
    @Override
    public void close() {
        if (notices != null) {
            notices.close();
        }
        api.close();
        crowd.close();
        queues.close();
        acknowledgements.close();
        audit.close();
        metrics.close();
        resolver.shutdownNow();
        routes.close();
        resolution.close();
        changes.close();
        operations.close();
        blocking.shutdownNow();
        neo4j.close();
    }
}
