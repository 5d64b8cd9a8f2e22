package org.jiedao.hub.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.graph.write.QuarantineStore;
import org.jiedao.hub.graph.write.QuarantineStore.Entry;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.CanonicalJson;
import org.jiedao.hub.loaders.mapping.MappingOutcome;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.ontology.assertion.RecordAssertions;

/**
 * Replays record-level quarantine entries with the <em>current</em> source definitions and normalisers: each entry's
 * raw values (or the corrected values given for its id) are mapped again by its source's {@link SourceMapping}; the
 * records that are now valid are written through the normal {@link RecordWriter} in batches, and then their entries
 * are marked resolved ({@link QuarantineStore#markResolved}: kept, with {@code resolvedAt} and the record uid); the
 * others stay unresolved with their new reason.
 *
 * <p>Not replayed here: file-level entries (a whole file rejected; see {@link FailedFiles}), entries of sources that
 * are no longer declared, and, without a correction, records that could not even be read (a broken CSV or JSON line,
 * a wrong column count): their stored values are not the record's columns, so only corrected values can replay them.
 *
 * <p>If the process stops between a batch's write and its marking, the entries stay unresolved; replaying them
 * again finds their records unchanged and marks them then, so nothing is written twice.
 */
public final class QuarantineReplay {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reasons given by the readers (not the mapping) to rows whose columns could not be told apart. */
    private static final Pattern READ_PROBLEM = Pattern.compile("^expected \\d+ columns as in the header, found \\d+");
    private final Map<String, SourceMapping> mappings = new LinkedHashMap<>();
    private final RecordWriter writer;
    private final QuarantineStore store;
    private final int batchSize;

    /**
     * @param mappings  the current compiled source mappings
     * @param writer    the graph writer
     * @param store     the quarantine store
     * @param batchSize records per write transaction (e.g. 500)
     */
    public QuarantineReplay(List<SourceMapping> mappings, RecordWriter writer, QuarantineStore store, int batchSize) {
        mappings.forEach(m -> this.mappings.put(m.definition().id(), m));
        this.writer = writer;
        this.store = store;
        this.batchSize = Math.max(1, batchSize);
    }

    /**
     * What a replay did.
     *
     * @param resolved       entries whose record is now written (new or already in the graph), marked resolved
     * @param stillInvalid   entries mapped again and still refused; their reasons are updated
     * @param notReplayable  unreadable records without a correction, left as they were
     * @param noSource       entries of sources no longer declared, left as they were
     * @param unknownCorrections ids in the corrections that name no unresolved record-level entry of the replayed
     *                       sources
     */
    public record Outcome(int resolved, int stillInvalid, int notReplayable, int noSource, List<String> unknownCorrections) {
    }

    /**
     * @param source      only this source's entries, or null for all sources
     * @param corrections corrected raw values by quarantine id (full uid), replacing the stored raw values of those
     *                    entries; may be empty
     * @return the counts
     * @throws org.neo4j.driver.exceptions.Neo4jException if a batch cannot be written (batches already written stay
     *                                                    resolved; the rest stay unresolved)
     */
    public Outcome replay(String source, Map<String, Map<String, Object>> corrections) {
        List<Entry> entries = store.list(source, false, 0).stream().filter(e -> !FailedFiles.isFileEntry(e)).toList();
        Set<String> unknown = new LinkedHashSet<>(corrections.keySet());
        int stillInvalid = 0;
        int notReplayable = 0;
        int noSource = 0;
        int resolved = 0;
        List<RecordAssertions> valid = new ArrayList<>();
        List<QuarantineStore.Resolution> resolutions = new ArrayList<>();
        List<QuarantineStore.Refusal> refusals = new ArrayList<>();
        for (Entry e : entries) {
            unknown.remove(e.uid());
            SourceMapping mapping = mappings.get(e.source());
            if (mapping == null) {
                noSource++;
                continue;
            }
            Map<String, Object> stored = parse(e.raw());
            Map<String, Object> corrected = corrections.get(e.uid());
            if (corrected != null && CanonicalJson.of(corrected).equals(CanonicalJson.of(stored))) {
                corrected = null;
            }
            if (corrected == null && unreadable(e, stored)) {
                notReplayable++;
                continue;
            }
            String correctedJson = corrected == null ? null : CanonicalJson.of(corrected);
            switch (mapping.map(RawRecord.of(e.location(), corrected == null ? stored : corrected))) {
                case MappingOutcome.Mapped m -> {
                    valid.add(m.assertions());
                    resolutions.add(new QuarantineStore.Resolution(e.uid(), m.assertions().record().uid(), correctedJson));
                }
                case MappingOutcome.Rejected r -> {
                    refusals.add(new QuarantineStore.Refusal(e.uid(), r.reason(), correctedJson));
                    stillInvalid++;
                }
            }
            if (valid.size() >= batchSize) {
                resolved += flush(valid, resolutions);
            }
        }
        resolved += flush(valid, resolutions);
        store.stillInvalid(refusals);
        return new Outcome(resolved, stillInvalid, notReplayable, noSource, List.copyOf(unknown));
    }

    private int flush(List<RecordAssertions> valid, List<QuarantineStore.Resolution> resolutions) {
        if (valid.isEmpty()) {
            return 0;
        }
        writer.write(valid, List.of());
        int n = (int) store.markResolved(resolutions);
        valid.clear();
        resolutions.clear();
        return n;
    }

    /** Whether the stored values are not the record's columns: a line that did not parse, or shifted columns. */
    private static boolean unreadable(Entry e, Map<String, Object> stored) {
        return stored.keySet().equals(Set.of("line")) || stored.keySet().equals(Set.of("value"))
                || READ_PROBLEM.matcher(e.reason()).find();
    }

    /**
     * @param json a JSON object, as stored in {@code raw}
     * @return its members (nested objects stay maps)
     * @throws IllegalArgumentException if the text is not a JSON object
     */
    static Map<String, Object> parse(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
