package org.jiedao.hub.app;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.jiedao.hub.graph.entity.ConflictingIdentifiersException;
import org.jiedao.hub.graph.entity.EntityNotFoundException;
import org.jiedao.hub.graph.entity.EntityResolution;
import org.jiedao.hub.graph.entity.Explanation;
import org.jiedao.hub.graph.entity.RecordLink;
import org.jiedao.hub.graph.entity.ResolutionReport;
import org.jiedao.hub.graph.entity.review.ReviewItem;
import org.jiedao.hub.graph.resolution.Evidence;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.ontology.Ontology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hub resolve [why|why-not|records|merge|unmerge|review|accept|reject]}: entity resolution of persons from the
 * command line (docs/entity-resolution.md). Plain {@code hub resolve} resolves the provisional persons that
 * ingestion wrote (records without an ID number) and prints what it did. Arguments naming an entity take an entity
 * id ({@code e-...}) or a record uid ({@code source:recordKey}, meaning the person that record resolves to).
 * Decisions are made as {@code cli:<OS user>}. Connects to {@code NEO4J_URI} if set, else starts the embedded Neo4j.
 *
 * <p>Exit status: 0 done, 1 refused (conflicting ID numbers, a record that cannot be split off, an unknown or decided
 * review item), 2 not found.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Entity resolution of persons: resolve (the default), why, why-not, records, merge, unmerge, review, accept, reject.",
        subcommands = {ResolveCommand.Why.class, ResolveCommand.Records.class,
                ResolveCommand.Merge.class, ResolveCommand.Unmerge.class, ResolveCommand.Review.class,
                ResolveCommand.Accept.class, ResolveCommand.Reject.class})
final class ResolveCommand implements Callable<Integer> {

    @Option(names = "--again", description = "first make every decided person without an ID number pending again (a full re-run; clerks' decisions still win)")
    boolean again;

    /** Environment the settings are read from (tests point NEO4J_URI at their server). */
    Map<String, String> env = System.getenv();
    /** Where results go. */
    PrintStream stdout = System.out;
    /** Where errors go. */
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        return with(r -> {
            if (again) {
                stdout.println("reopened: " + r.store().reopen());
            }
            ResolutionReport report = r.resolvePending();
            stdout.printf("provisional persons: %d  linked: %d  for review: %d  new: %d  refused: %d  (%d ms)%n",
                    report.pending(), report.linked(), report.reviews(), report.created(), report.refusals().size(), report.millis());
            report.refusals().forEach(x -> stdout.println("  refused " + x));
            return 0;
        });
    }

    /** Runs an action on the hub's resolution, mapping refusals to exit codes with a message on stderr. */
    int with(Function<EntityResolution, Integer> action) {
        HubSettings settings = HubSettings.fromEnvironment(env);
        try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
             ResolutionSetup setup = ResolutionSetup.create(neo4j.driver(), Ontology.bundled(), ResolutionConfig.load(env))) {
            return action.apply(setup.resolution());
        } catch (EntityNotFoundException e) {
            stderr.println("not found: " + e.getMessage());
            return 2;
        } catch (ConflictingIdentifiersException | IllegalArgumentException e) {
            stderr.println("refused: " + e.getMessage());
            return 1;
        }
    }

    static String by() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    void print(Explanation x) {
        stdout.printf("%s -> %s%n%s -> %s%n", x.a(), x.entityA(), x.b(), x.entityB());
        stdout.println(x.sameEntity() ? "the same entity" : "different entities");
        stdout.printf("now: %s, %.2f bits (link at %.1f, review at %.1f), rule %s%n", x.decision(), x.evidence().weight(),
                x.linkThreshold(), x.reviewThreshold(), x.evidence().rule());
        for (Evidence.FieldEvidence f : x.evidence().fields()) {
            stdout.printf("  %-10s %-10s %+7.2f%n", f.comparison(), f.level(), f.weight());
        }
        for (RecordLink l : x.links()) {
            stdout.printf("linked: %s by %s (%s) at %s%n", l.recordUid(), l.rule(),
                    l.score() == null ? "-" : "%.2f bits".formatted(l.score()), l.decidedAt());
        }
        x.blockers().forEach(b -> stdout.println("apart: " + b));
    }

    /** {@code hub resolve why A B}, also called {@code why-not}: one explanation answers both questions. */
    @Command(name = "why", aliases = "why-not", mixinStandardHelpOptions = true,
            description = "Why two records or entities are, or are not, one entity: the evidence now, the links that joined them, what keeps them apart.")
    static final class Why implements Callable<Integer> {
        @ParentCommand
        ResolveCommand parent;
        @Parameters(index = "0", description = "entity id or record uid")
        String a;
        @Parameters(index = "1", description = "entity id or record uid")
        String b;

        @Override
        public Integer call() {
            return parent.with(r -> {
                parent.print(r.explain(a, b));
                return 0;
            });
        }
    }

    /** {@code hub resolve records ENTITY}. */
    @Command(name = "records", mixinStandardHelpOptions = true, description = "An entity's records: source, location, rule, score.")
    static final class Records implements Callable<Integer> {
        @ParentCommand
        ResolveCommand parent;
        @Parameters(index = "0", description = "entity id or record uid")
        String entity;

        @Override
        public Integer call() {
            return parent.with(r -> {
                String id = r.entityOf(entity);
                parent.stdout.println("entity " + id);
                for (RecordLink l : r.store().records(id)) {
                    parent.stdout.printf("%s\t%s\t%s\t%s\t%s\t%s%n", l.recordUid(), l.location(), l.type(), l.rule(),
                            l.score() == null ? "-" : "%.2f".formatted(l.score()), l.evidence() == null ? "" : l.evidence());
                }
                return 0;
            });
        }
    }

    /** {@code hub resolve merge A B}. */
    @Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge two entities (the one with an ID number survives); remembered.")
    static final class Merge implements Callable<Integer> {
        @ParentCommand
        ResolveCommand parent;
        @Parameters(index = "0", description = "entity id or record uid")
        String a;
        @Parameters(index = "1", description = "entity id or record uid")
        String b;
        @Option(names = "--reason", description = "why (kept with the decision)")
        String reason;

        @Override
        public Integer call() {
            return parent.with(r -> {
                parent.stdout.println("merged into " + r.merge(a, b, by(), reason));
                return 0;
            });
        }
    }

    /** {@code hub resolve unmerge RECORD}. */
    @Command(name = "unmerge", mixinStandardHelpOptions = true, description = "Split a record off its entity into a new one; remembered.")
    static final class Unmerge implements Callable<Integer> {
        @ParentCommand
        ResolveCommand parent;
        @Parameters(index = "0", description = "record uid (source:recordKey)")
        String record;
        @Option(names = "--entity", description = "the entity to split it off, when the record names several persons")
        String entity;
        @Option(names = "--reason", description = "why (kept with the decision)")
        String reason;

        @Override
        public Integer call() {
            return parent.with(r -> {
                parent.stdout.println("new entity " + r.unmerge(record, entity, by(), reason));
                return 0;
            });
        }
    }

    /** {@code hub resolve review}. */
    @Command(name = "review", mixinStandardHelpOptions = true, description = "The pending review items: id, entity, candidate, weight, reason.")
    static final class Review implements Callable<Integer> {
        @ParentCommand
        ResolveCommand parent;

        @Override
        public Integer call() {
            return parent.with(r -> {
                for (ReviewItem i : r.reviews().pending()) {
                    parent.stdout.printf("%s\t%s\t%s\t%.2f\t%s%n", i.id(), i.entityId(), i.candidateId(),
                            i.weight() == null ? Double.NaN : i.weight(), i.reason());
                }
                return 0;
            });
        }
    }

    /** {@code hub resolve accept ID}. */
    @Command(name = "accept", mixinStandardHelpOptions = true, description = "Accept a review item: merge the two; remembered.")
    static final class Accept implements Callable<Integer> {
        @ParentCommand
        ResolveCommand parent;
        @Parameters(index = "0", description = "review item id")
        String id;

        @Override
        public Integer call() {
            return parent.with(r -> {
                parent.stdout.println("merged into " + r.accept(id, by()));
                return 0;
            });
        }
    }

    /** {@code hub resolve reject ID}. */
    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a review item: keep the two apart; remembered.")
    static final class Reject implements Callable<Integer> {
        @ParentCommand
        ResolveCommand parent;
        @Parameters(index = "0", description = "review item id")
        String id;

        @Override
        public Integer call() {
            return parent.with(r -> {
                r.reject(id, by());
                parent.stdout.println("rejected " + id);
                return 0;
            });
        }
    }
}
