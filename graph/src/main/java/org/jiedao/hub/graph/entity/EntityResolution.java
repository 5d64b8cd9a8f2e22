package org.jiedao.hub.graph.entity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.graph.entity.review.MatchDecision;
import org.jiedao.hub.graph.entity.review.ReviewItem;
import org.jiedao.hub.graph.entity.review.ReviewQueue;
import org.jiedao.hub.graph.resolution.Decision;
import org.jiedao.hub.graph.resolution.Evidence;
import org.jiedao.hub.graph.resolution.ResolutionRecord;
import org.jiedao.hub.graph.resolution.ResolutionSettings;
import org.jiedao.hub.graph.resolution.Scorer;
import org.jiedao.hub.graph.resolution.TermFrequencies;

/**
 * Entity resolution of persons in the graph, incremental and reversible (issue 5; DESIGN.md decision 2).
 *
 * <p><b>Deterministic.</b> Records with a valid canonical ID number (GB 11643-1999, 15-digit numbers converted to 18)
 * are linked by the writer to the person with that number ({@code deterministic:idNumber}). Two persons with
 * different valid ID numbers are never merged, by any path.
 *
 * <p><b>Probabilistic, incremental.</b> A record without a valid ID number is written as a provisional person (keyed
 * on its entity id). {@link #resolvePending()} resolves each provisional person against the existing ones, never
 * re-running everything: blocking through the graph's indexes (name key, phone, full pinyin), the comparison vector
 * and Fellegi-Sunter weights of the {@link ResolutionSettings} (configured m/u, estimated by EM on the generated
 * population), term-frequency adjustment of the name by the graph's own name frequencies, then two thresholds:
 * above the link threshold the provisional person is merged into the best candidate; between the thresholds it stays
 * a person of its own and a review item is raised; below, it stays a new person. Entity ids of existing persons
 * never change.
 *
 * <p><b>Guards.</b> Hub values (a phone or address shared by more than {@code maxIdentitiesPerValue} different ID
 * numbers, such as a community office's number) are not evidence. Two candidates above the link threshold within
 * {@link #AMBIGUITY_BITS} bits of each other go to review instead of a guess (a chain A~X~B never joins A and B); so
 * does a link on fewer than {@link #MIN_AGREEING} agreeing comparisons (a name alone). An
 * entity with {@code maxClusterSize} records takes no further probabilistic links. Every refusal is logged and
 * reported.
 *
 * <p><b>Explainable and reversible.</b> Every probabilistic link stores its evidence; {@link #explain} answers
 * {@code why}/{@code whyNot}; {@link #merge} and {@link #unmerge} re-derive the entities' values (survivorship) and
 * relationships; clerks' decisions ({@link ReviewQueue}) are remembered and win over the weights on later runs.
 */
public final class EntityResolution {

    /** Two link candidates closer than this many bits are too close to call: a clerk decides. */
    public static final double AMBIGUITY_BITS = 3.0;
    /**
     * A link by weights needs at least this many comparisons in agreement (positive weight): a name alone, however
     * rare, goes to review (in a small graph every name is rare, and term frequency would make it decisive).
     */
    public static final int MIN_AGREEING = 2;
    /** Rule of a link made by the weights. */
    public static final String WEIGHTS = "weights";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EntityResolution.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityStore store;
    private final ReviewQueue reviews;
    private final ResolutionSettings settings;
    private final Candidates candidates;
    private boolean entityIdsEnsured;
    private long personsAtLastRun = -1;

    /**
     * @param store       the Person entity store
     * @param reviews     the review queue and remembered decisions
     * @param settings    comparators, thresholds, guards and <em>configured</em> weights (incremental resolution
     *                    cannot estimate them on one record)
     * @param driver      the hub's driver
     * @param maxPerBlock the most candidates one blocking pass gives
     * @throws IllegalArgumentException if the settings have no weights
     */
    public EntityResolution(EntityStore store, ReviewQueue reviews, ResolutionSettings settings,
                            org.neo4j.driver.Driver driver, int maxPerBlock) {
        if (settings.weights() == null) {
            throw new IllegalArgumentException("incremental resolution needs configured weights (settings.weights)");
        }
        this.store = store;
        this.reviews = reviews;
        this.settings = settings;
        this.candidates = new Candidates(driver, maxPerBlock);
    }

    /** @return the entity store */
    public EntityStore store() {
        return store;
    }

    /** @return the review queue */
    public ReviewQueue reviews() {
        return reviews;
    }

    /** @return the settings */
    public ResolutionSettings settings() {
        return settings;
    }

    /**
     * Resolves every provisional person not decided yet.
     *
     * @return what was done
     */
    public synchronized ResolutionReport resolvePending() {
        long start = System.nanoTime();
        if (!entityIdsEnsured) {
            store.ensureEntityIds(); // persons written before entity resolution or by the bulk loader: once per process
            entityIdsEnsured = true;
        }
        long persons = store.count();
        boolean recheck = persons != personsAtLastRun; // new persons may match those that matched nothing before
        personsAtLastRun = persons;
        if (store.pending(1).isEmpty() && (!recheck || store.unmatched(1).isEmpty())) {
            return new ResolutionReport(0, 0, 0, 0, List.of(), (System.nanoTime() - start) / 1_000_000);
        }
        Scorer scorer = new Scorer(settings, settings.weights(), settings.termFrequency() ? candidates.nameFrequencies() : null);
        int pending = 0;
        int linked = 0;
        int reviewed = 0;
        int created = 0;
        List<String> refusals = new ArrayList<>();
        List<String> rechecked = recheck ? store.unmatched(Integer.MAX_VALUE) : List.of();
        java.util.Iterator<String> again = rechecked.iterator();
        while (true) {
            List<String> batch = store.pending(500);
            if (batch.isEmpty() && again.hasNext()) {
                batch = new ArrayList<>();
                while (again.hasNext() && batch.size() < 500) {
                    batch.add(again.next());
                }
            }
            if (batch.isEmpty()) {
                break;
            }
            for (String id : batch) {
                pending++;
                Decision d;
                try {
                    d = resolveOne(id, scorer, refusals);
                } catch (EntityNotFoundException e) {
                    // another process resolved or merged it meanwhile: nothing left to do for it
                    LOG.info("entity resolution: {} changed meanwhile: {}", id, e.getMessage());
                    d = Decision.DISTINCT;
                    store.markResolved(id, "new");
                }
                switch (d) {
                    case LINK -> linked++;
                    case REVIEW -> reviewed++;
                    case DISTINCT -> created++;
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info("entity resolution: {} provisional persons: {} linked, {} for review, {} new, {} refused, {} ms",
                pending, linked, reviewed, created, refusals.size(), millis);
        return new ResolutionReport(pending, linked, reviewed, created, List.copyOf(refusals), millis);
    }

    private record Scored(String entityId, Evidence evidence, Decision decision) {
    }

    private Decision resolveOne(String id, Scorer scorer, List<String> refusals) {
        ResolutionRecord p = candidates.person(id);
        if (p == null) {
            return Decision.DISTINCT;
        }
        ResolutionRecord stripped = withoutHubValues(p);
        List<String> records = store.records(id).stream().map(RecordLink::recordUid).distinct().toList();
        Map<String, MatchDecision> remembered = reviews.decisions(records);
        List<Scored> scored = new ArrayList<>();
        for (Map.Entry<String, ResolutionRecord> c : candidates.of(id, stripped).entrySet()) {
            String cid = c.getKey();
            String rememberedDecision = remembered(remembered, records, cid);
            if (MatchDecision.REJECT.equals(rememberedDecision)) {
                continue;
            }
            Evidence e = scorer.score(stripped, c.getValue());
            if (MatchDecision.ACCEPT.equals(rememberedDecision) && !e.conflicting()) {
                store.merge(id, cid, new EntityStore.LinkDecision("manual:review", e.weight(), json(e)));
                reviews.withdraw(id);
                return Decision.LINK;
            }
            scored.add(new Scored(cid, e, scorer.decide(e)));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.evidence().weight()).thenComparing(Scored::entityId));
        List<Scored> links = scored.stream().filter(s -> s.decision() == Decision.LINK).toList();
        if (!links.isEmpty()) {
            Scored best = links.getFirst();
            String reason = null;
            long agreeing = best.evidence().fields().stream().filter(f -> f.weight() > 0).count();
            if (agreeing < MIN_AGREEING) {
                reason = "only %d comparison%s agree%s (%s): a link needs at least %d".formatted(agreeing,
                        agreeing == 1 ? "" : "s", agreeing == 1 ? "s" : "", best.evidence().fields().stream()
                                .filter(f -> f.weight() > 0).map(Evidence.FieldEvidence::comparison).toList(), MIN_AGREEING);
            } else if (links.size() > 1 && best.evidence().weight() - links.get(1).evidence().weight() < AMBIGUITY_BITS) {
                reason = "ambiguous: %d candidates above the link threshold within %.1f bits of each other"
                        .formatted(links.stream().filter(s -> best.evidence().weight() - s.evidence().weight() < AMBIGUITY_BITS).count(), AMBIGUITY_BITS);
            } else {
                int size = store.records(best.entityId()).size();
                if (size >= settings.maxClusterSize()) {
                    reason = "cluster size: entity %s has %d records, the most allowed is %d"
                            .formatted(best.entityId(), size, settings.maxClusterSize());
                }
            }
            if (reason == null) {
                store.merge(id, best.entityId(), new EntityStore.LinkDecision(WEIGHTS, best.evidence().weight(), json(best.evidence())));
                reviews.withdraw(id);
                return Decision.LINK;
            }
            refusals.add(id + " -> " + best.entityId() + ": " + reason);
            LOG.warn("entity resolution: link of {} to {} refused: {}", id, best.entityId(), reason);
            reviews.raise(id, best.entityId(), best.evidence().weight(), json(best.evidence()), reason);
            store.markResolved(id, "new");
            return Decision.REVIEW;
        }
        Scored review = scored.stream().filter(s -> s.decision() == Decision.REVIEW).findFirst().orElse(null);
        store.markResolved(id, "new");
        if (review != null) {
            reviews.raise(id, review.entityId(), review.evidence().weight(), json(review.evidence()),
                    "match weight %.1f bits, between the review threshold %.1f and the link threshold %.1f"
                            .formatted(review.evidence().weight(), settings.reviewThreshold(), settings.linkThreshold()));
            return Decision.REVIEW;
        }
        return Decision.DISTINCT;
    }

    private static String remembered(Map<String, MatchDecision> decisions, List<String> records, String entityId) {
        String out = null;
        for (String r : records) {
            MatchDecision d = decisions.get(MatchDecision.idOf(r, entityId));
            if (d != null) {
                if (MatchDecision.REJECT.equals(d.decision())) {
                    return MatchDecision.REJECT; // a rejection of any of the records wins
                }
                out = d.decision();
            }
        }
        return out;
    }

    /** The record without the values of hub fields shared by too many different ID numbers. */
    private ResolutionRecord withoutHubValues(ResolutionRecord r) {
        Map<String, String> fields = new java.util.HashMap<>(r.fields());
        for (String f : settings.hubFields()) {
            String v = fields.get(f);
            if (v != null && candidates.identitiesSharing(f, v) > settings.maxIdentitiesPerValue()) {
                fields.remove(f);
            }
        }
        return fields.size() == r.fields().size() ? r : new ResolutionRecord(r.id(), r.source(), fields);
    }

    /**
     * Why two records or entities are, or are not, one entity.
     *
     * @param a an entity id or a record uid
     * @param b another
     * @return the explanation
     * @throws EntityNotFoundException if either is neither an entity nor a record of one
     */
    public Explanation explain(String a, String b) {
        String ea = entityOf(a);
        String eb = entityOf(b);
        ResolutionRecord ra = candidates.person(ea);
        ResolutionRecord rb = candidates.person(eb);
        Scorer scorer = new Scorer(settings, settings.weights(), settings.termFrequency() ? candidates.nameFrequencies() : null);
        ResolutionRecord sa = withoutHubValues(ra);
        ResolutionRecord sb = withoutHubValues(rb);
        Evidence e = scorer.score(sa, sb);
        Decision d = scorer.decide(e);
        boolean same = ea.equals(eb);
        List<RecordLink> links = same ? store.records(ea).stream()
                .filter(l -> l.rule() != null && (l.rule().equals(WEIGHTS) || l.rule().startsWith("manual:"))).toList() : List.of();
        List<String> blockers = new ArrayList<>();
        if (!same) {
            if (e.conflicting()) {
                blockers.add("different valid " + e.rule().substring("conflict:".length())
                        + " values: two different people, never merged");
            }
            for (String f : settings.hubFields()) {
                if ((ra.get(f) != null && sa.get(f) == null) || (rb.get(f) != null && sb.get(f) == null)) {
                    blockers.add(f + " is a hub value (shared by more than " + settings.maxIdentitiesPerValue()
                            + " different ID numbers): not used as evidence");
                }
            }
            List<String> records = new ArrayList<>();
            store.records(ea).forEach(l -> records.add(l.recordUid()));
            store.records(eb).forEach(l -> records.add(l.recordUid()));
            Map<String, MatchDecision> remembered = reviews.decisions(records);
            remembered.values().stream().filter(m -> MatchDecision.REJECT.equals(m.decision())
                            && (m.entityId().equals(ea) || m.entityId().equals(eb)))
                    .forEach(m -> blockers.add("a clerk (" + m.decidedBy() + ") decided on " + m.decidedAt()
                            + " that record " + m.recordUid() + " is not entity " + m.entityId()
                            + (m.reason() == null ? "" : ": " + m.reason())));
            if (!e.conflicting() && d != Decision.LINK) {
                blockers.add("match weight %.1f bits is below the link threshold %.1f".formatted(e.weight(), settings.linkThreshold()));
            }
            reviews.pending().stream().filter(i -> Set.of(ea, eb).equals(Set.of(i.entityId(), i.candidateId())))
                    .forEach(i -> blockers.add("review item " + i.id() + " is pending: " + i.reason()));
            if (blockers.isEmpty()) {
                blockers.add("not compared yet: one of them is still provisional, or they share no blocking key");
            }
        }
        return new Explanation(a, b, ea, eb, same, d, e, links, blockers, settings.linkThreshold(), settings.reviewThreshold());
    }

    /**
     * Merges two entities by a clerk's decision: the one holding an ID number survives (else {@code a}); the
     * decision is remembered for the merged entity's records.
     *
     * @param a      an entity id (or a record uid: its entity)
     * @param b      another
     * @param by     who decided
     * @param reason why, or null
     * @return the surviving entity id
     * @throws ConflictingIdentifiersException if both hold different ID numbers (refused and logged)
     * @throws EntityNotFoundException         if either is unknown
     */
    public synchronized String merge(String a, String b, String by, String reason) {
        String ea = entityOf(a);
        String eb = entityOf(b);
        if (ea.equals(eb)) {
            throw new IllegalArgumentException(a + " and " + b + " are already one entity (" + ea + ")");
        }
        boolean aKeyed = store.properties(ea).orElseThrow().get(store.type().key().name()) != null;
        boolean bKeyed = store.properties(eb).orElseThrow().get(store.type().key().name()) != null;
        String into = !aKeyed && bKeyed ? eb : ea;
        String from = into.equals(ea) ? eb : ea;
        List<String> moved = store.records(from).stream().map(RecordLink::recordUid).distinct().toList();
        store.merge(from, into, new EntityStore.LinkDecision("manual:merge", null, null));
        reviews.remember(moved, into, MatchDecision.ACCEPT, by, reason);
        closeReviews(from, into, ReviewItem.ACCEPTED, by);
        return into;
    }

    /**
     * Splits a record off its entity into a new one by a clerk's decision, remembered so that resolution does not
     * link them again.
     *
     * @param recordUid the record
     * @param entityId  the entity it is linked to; may be null when the record links to one person only
     * @param by        who decided
     * @param reason    why, or null
     * @return the new entity's id
     * @throws EntityNotFoundException  if the record links to no person
     * @throws IllegalArgumentException if the record links to several persons and none is named, carries the
     *                                  entity's ID number, or is the entity's only record
     */
    public synchronized String unmerge(String recordUid, String entityId, String by, String reason) {
        String entity = entityId;
        if (entity == null) {
            List<String> es = store.entitiesOf(recordUid);
            if (es.isEmpty()) {
                throw new EntityNotFoundException("a person linked to record " + recordUid);
            }
            if (es.size() > 1) {
                throw new IllegalArgumentException("record " + recordUid + " names " + es.size() + " persons " + es
                        + ": say which entity to split it off");
            }
            entity = es.getFirst();
        }
        String created = store.split(recordUid, entity, "manual:unmerge");
        reviews.remember(List.of(recordUid), entity, MatchDecision.REJECT, by, reason);
        return created;
    }

    /**
     * Accepts a review item: the two entities are merged and the decision remembered.
     *
     * @param itemId the item
     * @param by     who decided
     * @return the surviving entity id
     * @throws IllegalArgumentException if there is no such pending item
     */
    public synchronized String accept(String itemId, String by) {
        ReviewItem item = reviews.item(itemId).orElseThrow(() -> new IllegalArgumentException("no review item " + itemId));
        if (!ReviewItem.PENDING.equals(item.status())) {
            throw new IllegalArgumentException("review item " + itemId + " is already " + item.status());
        }
        List<String> moved = store.records(item.entityId()).stream().map(RecordLink::recordUid).distinct().toList();
        store.merge(item.entityId(), item.candidateId(), new EntityStore.LinkDecision("manual:review", item.weight(), item.evidence()));
        reviews.remember(moved, item.candidateId(), MatchDecision.ACCEPT, by, "review " + itemId);
        reviews.close(itemId, ReviewItem.ACCEPTED, by);
        return item.candidateId();
    }

    /**
     * Rejects a review item: the entities stay apart, and resolution will not link them again.
     *
     * @param itemId the item
     * @param by     who decided
     * @throws IllegalArgumentException if there is no such pending item
     */
    public synchronized void reject(String itemId, String by) {
        ReviewItem item = reviews.item(itemId).orElseThrow(() -> new IllegalArgumentException("no review item " + itemId));
        if (!ReviewItem.PENDING.equals(item.status())) {
            throw new IllegalArgumentException("review item " + itemId + " is already " + item.status());
        }
        List<String> records = store.records(item.entityId()).stream().map(RecordLink::recordUid).distinct().toList();
        reviews.remember(records, item.candidateId(), MatchDecision.REJECT, by, "review " + itemId);
        reviews.close(itemId, ReviewItem.REJECTED, by);
    }

    private void closeReviews(String from, String into, String status, String by) {
        for (ReviewItem i : reviews.pending()) {
            if (Set.of(from, into).equals(Set.of(i.entityId(), i.candidateId()))) {
                reviews.close(i.id(), status, by);
            }
        }
    }

    /**
     * @param ref an entity id or a record uid
     * @return the entity id it is or resolves to
     * @throws EntityNotFoundException  if it is neither
     * @throws IllegalArgumentException if it is a record naming several persons
     */
    public String entityOf(String ref) {
        Objects.requireNonNull(ref, "ref");
        if (store.properties(ref).isPresent()) {
            return ref;
        }
        List<String> es = store.entitiesOf(ref);
        if (es.isEmpty()) {
            throw new EntityNotFoundException("person entity or record " + ref);
        }
        if (es.size() > 1) {
            throw new IllegalArgumentException("record " + ref + " names " + es.size() + " persons: use an entity id");
        }
        return es.getFirst();
    }

    static String json(Evidence e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static Set<String> union(List<String> a, List<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }
}
