package org.jiedao.hub.api.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.normalise.NormalisationException;

/**
 * Searches the audit trail ({@code hub audit search}): who accessed a person, or what a principal did. A person is
 * found through its pseudonym ({@link Pseudonyms}): as a returned entity ({@code Person:<pseudonym>} in
 * {@code entities} or {@code subject}) and as a value the caller looked it up by (in {@code variables} or
 * {@code literals}). Reads every chain, intact or not; records come back in time order.
 */
public final class AuditSearch {
    /** How a record concerns the person searched for. */
    public enum Via {
        /** The response returned the person (entity refs, an export's subject). */
        RETURNED,
        /** The request named the person's ID number (a variable or a literal), whatever it returned. */
        LOOKED_UP,
        /** Both. */
        BOTH,
        /** A principal search: not about a person. */
        PRINCIPAL
    }

    /**
     * One record found.
     *
     * @param record the record
     * @param file   the chain file it is in, relative to the audit folder
     * @param via    how it concerns the person
     */
    public record Hit(AuditRecord record, String file, Via via) {
    }

    private final Path auditDir;
    private final Pseudonyms pseudonyms;

    /**
     * @param auditDir the audit folder
     * @param key      the audit key the chains were written with
     */
    public AuditSearch(Path auditDir, AuditKey key) {
        this.auditDir = auditDir;
        this.pseudonyms = new Pseudonyms(key);
    }

    /**
     * @param idNumber a resident ID number, 15 or 18 characters, full-width accepted (normalised as the loaders do)
     * @param since    earliest record time, inclusive, or null
     * @param until    latest record time, exclusive, or null
     * @return the records that returned the person or looked it up, oldest first
     * @throws IllegalArgumentException if the ID number is not valid (GB 11643-1999)
     */
    public List<Hit> person(String idNumber, Instant since, Instant until) {
        String id;
        try {
            id = IdNumber.parse(idNumber).value();
        } catch (NormalisationException e) {
            throw new IllegalArgumentException("--person: " + e.getMessage(), e);
        }
        String value = pseudonyms.of(id);
        String ref = "Person:" + value;
        List<Hit> out = new ArrayList<>();
        scan(r -> true, since, until, (r, file) -> {
            boolean returned = r.entities().contains(ref) || ref.equals(r.subject());
            boolean lookedUp = r.literals().contains(value) || contains(r.variables(), value);
            if (returned || lookedUp) {
                out.add(new Hit(r, file, returned && lookedUp ? Via.BOTH : returned ? Via.RETURNED : Via.LOOKED_UP));
            }
        });
        out.sort(Comparator.comparing(h -> h.record().time()));
        return out;
    }

    /**
     * @param principal a principal id, exactly as recorded
     * @param since     earliest record time, inclusive, or null
     * @param until     latest record time, exclusive, or null
     * @return the principal's records, oldest first
     */
    public List<Hit> principal(String principal, Instant since, Instant until) {
        List<Hit> out = new ArrayList<>();
        scan(r -> principal.equals(r.principal()), since, until, (r, file) -> out.add(new Hit(r, file, Via.PRINCIPAL)));
        out.sort(Comparator.comparing(h -> h.record().time()));
        return out;
    }

    private static boolean contains(Object value, String pseudonym) {
        return switch (value) {
            case String s -> s.equals(pseudonym);
            case Map<?, ?> m -> m.values().stream().anyMatch(v -> contains(v, pseudonym));
            case Collection<?> c -> c.stream().anyMatch(v -> contains(v, pseudonym));
            case null, default -> false;
        };
    }

    private void scan(Predicate<AuditRecord> filter, Instant since, Instant until,
                      java.util.function.BiConsumer<AuditRecord, String> found) {
        try {
            for (Path chain : ChainFiles.chains(auditDir)) {
                for (Path file : ChainFiles.files(chain)) {
                    String name = auditDir.relativize(file).toString();
                    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            AuditRecord r = AuditLog.parse(line);
                            if (r == null || since != null && r.time().isBefore(since) || until != null && !r.time().isBefore(until)) {
                                continue;
                            }
                            if (filter.test(r)) {
                                found.accept(r, name);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit folder " + auditDir + ": " + e.getMessage(), e);
        }
    }
}
