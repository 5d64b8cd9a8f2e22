package org.jiedao.hub.api.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention ({@code hub audit prune --before DAY}): deletes a chain's oldest files, whole, when every record in
 * them is older than a day, and keeps the chain verifiable. Before deleting, it checks that the chain is intact
 * ({@link AuditVerifier}; a broken chain is left as it is, as evidence), and writes {@code start.json}: the seq of
 * the first record kept and that record's {@code prev}, with a MAC under the chain key. {@link AuditVerifier} then
 * starts the chain there, so removing further files, or forging the start without the key, is still detected.
 * A chain's last file is never deleted (the hub may be writing it). Files are rotated each UTC day, so a file named
 * with a day before {@code before} holds only records of that day.
 */
public final class AuditPruner {
    private AuditPruner() {
    }

    /**
     * What pruning did to one chain.
     *
     * @param chain   the chain id
     * @param deleted the files deleted, by name
     * @param refused why the chain was left alone, or null
     */
    public record Pruned(String chain, List<String> deleted, String refused) {
    }

    /**
     * @param auditDir the audit folder
     * @param key      the audit key
     * @param before   files whose UTC day is before this day are deleted
     * @return one result per chain
     * @throws UncheckedIOException if a file cannot be read, written or deleted
     */
    public static List<Pruned> prune(Path auditDir, AuditKey key, LocalDate before) {
        List<Pruned> out = new ArrayList<>();
        try {
            for (AuditVerifier.ChainResult c : AuditVerifier.verify(auditDir, key)) {
                Path chainDir = auditDir.resolve(c.chain());
                if (!c.ok()) {
                    out.add(new Pruned(c.chain(), List.of(), "the chain is broken (" + c.problem() + "); nothing deleted"));
                    continue;
                }
                List<Path> files = ChainFiles.files(chainDir);
                int keepFrom = 0;
                while (keepFrom < files.size() - 1 && LocalDate.parse(ChainFiles.day(files.get(keepFrom))).isBefore(before)) {
                    keepFrom++;
                }
                if (keepFrom == 0) {
                    out.add(new Pruned(c.chain(), List.of(), null));
                    continue;
                }
                Path first = files.get(keepFrom);
                String line = Files.readAllLines(first).stream().findFirst().orElse(null);
                AuditRecord r = line == null ? null : AuditLog.parse(line);
                if (r == null) {
                    out.add(new Pruned(c.chain(), List.of(), "the first kept file " + first.getFileName() + " has no record; nothing deleted"));
                    continue;
                }
                ChainFiles.Start.of(key, c.chain(), r.seq(), r.prev()).write(chainDir);
                List<String> deleted = new ArrayList<>();
                for (Path f : files.subList(0, keepFrom)) {
                    Files.delete(f);
                    deleted.add(f.getFileName().toString());
                }
                out.add(new Pruned(c.chain(), deleted, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the audit folder " + auditDir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
