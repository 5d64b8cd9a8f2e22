package org.jiedao.hub.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;

import org.jiedao.hub.api.GraphQLFactory;
import org.jiedao.hub.api.QueryLimits;
import org.jiedao.hub.api.cypher.Temporals;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionConfig;

/**
 * Measures the GraphQL API against hand-written Cypher for the same answers, through the same driver, in the same
 * run (issue 6, "Measured"). For each {@link BenchQuery} and each number of concurrent clients:
 * <ol>
 *   <li>before anything is timed, the GraphQL answer and the Cypher answer are compared for a sample of keys, after
 *       normalising both (maps by key, lists sorted, stored codes shown as their GraphQL enum names, temporals as
 *       ISO-8601 text), and each GraphQL request must have run exactly one Cypher statement (one root field;
 *       {@code CypherRunner.statementCount()} before and after);</li>
 *   <li>a warm-up of both (JIT, query caches, page cache);</li>
 *   <li>two rounds, GraphQL then Cypher, then Cypher then GraphQL, each phase running the same pseudo-random key
 *       sequence (seeded) on {@code clients} threads, each thread sending its next request as soon as the last one
 *       is answered (closed loop).</li>
 * </ol>
 * GraphQL requests run as the hub's own command ({@code Access.internal}, the admin role) and go through the real engine ({@link GraphQLFactory}, in-process, {@code executeAsync}: parse,
 * validate, translate, run on a virtual thread, shape); Cypher requests run the statement in a read transaction with
 * the same timeout on the client's thread. Latency is per request, from send to answer, in milliseconds;
 * throughput is requests per second of wall time over both rounds.
 */
final class ApiBenchmark {
    /** Targets of issue 6: GraphQL p99 at most this many times the Cypher p99. */
    static final double P99_TARGET = 1.3;
    /** Targets of issue 6: GraphQL throughput at least this share of the Cypher throughput. */
    static final double THROUGHPUT_TARGET = 0.8;

    /**
     * What to run.
     *
     * @param clients  concurrent client counts, e.g. 1, 8, 32
     * @param requests requests per engine, query and client count (split over two rounds)
     * @param warmup   warm-up requests per engine and query
     * @param verify   keys whose answers are compared before timing, per query
     * @param seed     seed of the key sequences
     */
    record Options(List<Integer> clients, int requests, int warmup, int verify, long seed) {
    }

    /**
     * One engine's figures for one query at one client count.
     *
     * @param query                query name
     * @param clients              concurrent clients
     * @param engine               {@code graphql} or {@code cypher}
     * @param requests             requests timed
     * @param p50Ms                median latency, ms
     * @param p99Ms                99th percentile latency (nearest rank), ms
     * @param perSecond            requests per second
     * @param statementsPerRequest Cypher statements per request (GraphQL: from the runner's counter; Cypher: 1)
     */
    record Row(String query, int clients, String engine, int requests, double p50Ms, double p99Ms, double perSecond,
               double statementsPerRequest) {
    }

    /**
     * GraphQL against Cypher for one query at one client count.
     *
     * @param query           query name
     * @param clients         concurrent clients
     * @param p99Ratio        GraphQL p99 / Cypher p99 (target at most {@value #P99_TARGET})
     * @param throughputRatio GraphQL req/s / Cypher req/s (target at least {@value #THROUGHPUT_TARGET})
     * @param p99Met          whether the p99 target is met
     * @param throughputMet   whether the throughput target is met
     */
    record Comparison(String query, int clients, double p99Ratio, double throughputRatio, boolean p99Met, boolean throughputMet) {
    }

    /**
     * The answer check of one query.
     *
     * @param query                   query name
     * @param compared                keys compared
     * @param matched                 keys whose normalised answers were equal
     * @param found                   keys for which the answer was not null
     * @param statementsPerRequestMax the most statements one GraphQL request ran (must be 1)
     * @param mismatches              the first few keys whose answers differed
     */
    record Check(String query, int compared, int matched, int found, long statementsPerRequestMax, List<String> mismatches) {
    }

    /**
     * The whole result.
     *
     * @param checks      answer checks, per query
     * @param rows        figures, per query, client count and engine
     * @param comparisons ratios, per query and client count
     */
    record Report(List<Check> checks, List<Row> rows, List<Comparison> comparisons) {
        /** @return whether every compared answer matched and every GraphQL request ran one statement */
        boolean answersMatch() {
            return checks.stream().allMatch(c -> c.matched() == c.compared() && c.statementsPerRequestMax() == 1);
        }
    }

    private static final TransactionConfig TX = TransactionConfig.builder().withTimeout(QueryLimits.DEFAULTS.timeout()).build();

    private final Driver driver;
    private final QueryContext context;
    private final GraphQL graphql;
    private final Access access;
    private final Map<String, CodeList> codedFields = new HashMap<>();

    /**
     * @param driver   the driver both engines use
     * @param ontology the ontology the schema is derived from
     * @param blocking the executor the GraphQL engine runs its driver calls on (virtual threads)
     */
    ApiBenchmark(Driver driver, Ontology ontology, ExecutorService blocking) {
        this.driver = driver;
        this.context = GraphQLFactory.context(ontology, driver, blocking, QueryLimits.DEFAULTS);
        this.graphql = GraphQLFactory.create(context);
        this.access = Access.internal(AccessPolicy.bundled(ontology), ontology, "hub bench api");
        List<PropertyDef> props = new ArrayList<>();
        ontology.nodeTypes().forEach(t -> props.addAll(t.properties()));
        ontology.relationshipTypes().forEach(r -> props.addAll(r.properties()));
        props.stream().filter(p -> p.codeList() != null)
                .forEach(p -> codedFields.putIfAbsent(p.name(), ontology.codeList(p.codeList())));
    }

    /**
     * @param queries the queries
     * @param keys    keys by kind ({@link BenchQuery#keys()}), each list non-empty
     * @param o       what to run
     * @param log     progress lines
     * @return checks, figures and ratios
     * @throws InterruptedException if interrupted while clients run
     */
    Report run(List<BenchQuery> queries, Map<String, List<String>> keys, Options o, PrintStream log) throws InterruptedException {
        List<Check> checks = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        for (BenchQuery q : queries) {
            List<String> pool = Objects.requireNonNull(keys.get(q.keys()), q.keys());
            Check check = verify(q, sequence(pool, o.verify(), o.seed() ^ 0x5eed), log);
            checks.add(check);
            log.printf("%s: %d of %d sampled answers match (%d non-null), at most %d statement(s) per GraphQL request%n",
                    q.name(), check.matched(), check.compared(), check.found(), check.statementsPerRequestMax());
            String[] warm = sequence(pool, o.warmup(), o.seed() ^ 0x3a3a);
            int warmClients = Math.min(8, o.clients().stream().mapToInt(Integer::intValue).max().orElse(1));
            phase(warm, warmClients, key -> graphqlAnswer(q, key));
            phase(warm, warmClients, key -> cypherAnswer(q, key));
            for (int clients : o.clients()) {
                String[] seq = sequence(pool, o.requests(), o.seed() + clients);
                String[] first = Arrays.copyOfRange(seq, 0, (seq.length + 1) / 2);
                String[] second = Arrays.copyOfRange(seq, first.length, seq.length);
                long s0 = context.cypher().statementCount();
                Timed g1 = phase(first, clients, key -> graphqlAnswer(q, key));
                Timed c1 = phase(first, clients, key -> cypherAnswer(q, key));
                Timed c2 = phase(second, clients, key -> cypherAnswer(q, key));
                Timed g2 = phase(second, clients, key -> graphqlAnswer(q, key));
                // only the GraphQL requests go through the engine's runner
                long statements = context.cypher().statementCount() - s0;
                Row g = row(q.name(), clients, "graphql", g1, g2, (double) statements / seq.length);
                Row c = row(q.name(), clients, "cypher", c1, c2, 1.0);
                rows.add(g);
                rows.add(c);
                double p99 = g.p99Ms() / c.p99Ms();
                double tput = g.perSecond() / c.perSecond();
                comparisons.add(new Comparison(q.name(), clients, p99, tput, p99 <= P99_TARGET, tput >= THROUGHPUT_TARGET));
                log.printf("%s, %d client(s): GraphQL p99 %.2f ms, %.0f req/s; Cypher p99 %.2f ms, %.0f req/s%n",
                        q.name(), clients, g.p99Ms(), g.perSecond(), c.p99Ms(), c.perSecond());
            }
        }
        return new Report(checks, rows, comparisons);
    }

    /** Compares the normalised answers of both engines for each key and counts the statements per GraphQL request. */
    private Check verify(BenchQuery q, String[] keys, PrintStream log) {
        int matched = 0;
        int found = 0;
        long maxStatements = 0;
        List<String> mismatches = new ArrayList<>();
        for (String key : keys) {
            long before = context.cypher().statementCount();
            Object viaGraphql = normal(graphqlAnswer(q, key), false);
            maxStatements = Math.max(maxStatements, context.cypher().statementCount() - before);
            Object viaCypher = normal(cypherAnswer(q, key), true);
            if (Objects.equals(viaGraphql, viaCypher)) {
                matched++;
            } else if (mismatches.size() < 5) {
                mismatches.add(key);
                log.printf("%s: answers differ for %s%n  GraphQL: %s%n  Cypher:  %s%n", q.name(), key, viaGraphql, viaCypher);
            }
            if (viaGraphql != null) {
                found++;
            }
        }
        return new Check(q.name(), keys.length, matched, found, maxStatements, mismatches);
    }

    /**
     * @return the root field's value, as the engine gives it
     * @throws IllegalStateException if the response carries errors
     */
    Object graphqlAnswer(BenchQuery q, String key) {
        ExecutionResult r = graphql.executeAsync(ExecutionInput.newExecutionInput().query(q.graphql())
                .variables(Map.of(q.variable(), key)).graphQLContext(Map.of(Access.CONTEXT_KEY, access)).build()).join();
        if (!r.getErrors().isEmpty()) {
            throw new IllegalStateException(q.name() + " (" + key + "): " + r.getErrors().getFirst().getMessage());
        }
        Map<String, Object> data = r.getData();
        return data.get(q.field());
    }

    /** @return the {@code result} column of the statement's row, or null if it returned no row */
    Object cypherAnswer(BenchQuery q, String key) {
        try (var session = driver.session()) {
            List<Map<String, Object>> result = session.executeRead(tx -> tx.run(q.cypher(), Map.of(q.variable(), key))
                    .list(Record::asMap), TX);
            return result.isEmpty() ? null : result.getFirst().get("result");
        }
    }

    /**
     * A comparable form of an answer: maps sorted by key, lists sorted, scalars as text, temporals as ISO-8601; for
     * a Cypher answer, values of code-list properties shown as their GraphQL enum names.
     */
    Object normal(Object value, boolean stored) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> m -> {
                Map<String, Object> out = new TreeMap<>();
                m.forEach((k, v) -> {
                    CodeList list = stored ? codedFields.get(String.valueOf(k)) : null;
                    out.put(String.valueOf(k), list != null && v instanceof String s
                            ? list.byNotation(s).map(CodeList.Code::enumName).orElse(s) : normal(v, stored));
                });
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(normal(v, stored)));
                out.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
                yield out;
            }
            case Temporal t -> String.valueOf(Temporals.toIso(t));
            default -> value.toString();
        };
    }

    /** Wall time and per-request latencies of one phase. */
    private record Timed(long[] nanos, long wallNanos) {
    }

    @FunctionalInterface
    private interface Request {
        Object send(String key);
    }

    /** Runs the keys on {@code clients} threads, closed loop; rethrows the first failure. */
    private static Timed phase(String[] keys, int clients, Request request) throws InterruptedException {
        long[] nanos = new long[keys.length];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("bench-client-" + i).start(() -> {
                try {
                    start.await();
                    for (int k = next.getAndIncrement(); k < keys.length && failure.get() == null; k = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        request.send(keys[k]);
                        nanos[k] = System.nanoTime() - t0;
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - t0;
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Timed(nanos, wall);
    }

    private static Row row(String query, int clients, String engine, Timed a, Timed b, double statementsPerRequest) {
        long[] all = new long[a.nanos().length + b.nanos().length];
        System.arraycopy(a.nanos(), 0, all, 0, a.nanos().length);
        System.arraycopy(b.nanos(), 0, all, a.nanos().length, b.nanos().length);
        Arrays.sort(all);
        double seconds = Duration.ofNanos(a.wallNanos() + b.wallNanos()).toNanos() / 1e9;
        return new Row(query, clients, engine, all.length, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6,
                all.length / seconds, statementsPerRequest);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** {@code n} keys drawn with replacement from the pool, the same for the same seed. */
    static String[] sequence(List<String> pool, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] out = new String[Math.max(1, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = pool.get(random.nextInt(pool.size()));
        }
        return out;
    }
}
