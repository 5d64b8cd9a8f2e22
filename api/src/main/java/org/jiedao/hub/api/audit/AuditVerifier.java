package org.jiedao.hub.api.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every chain under an audit folder ({@code hub audit verify}): each line parses, belongs to its chain, has
 * the next seq (1, 2, ... without gap or repeat, across files in order), names the previous record's hash as
 * {@code prev}, and has {@code hash = HMAC-SHA256(chain key, prev || canonical JSON)} recomputed from its content;
 * a file's name gives the seq of its first record; the anchor is authentic and names the chain's last record (or
 * the one before it, when a crash came between writing a record and its anchor). A pruned chain
 * ({@link AuditPruner}) starts where its authentic {@code start.json} says. So an edited record (hash), a
 * removed or moved one (seq and prev), a removed file (seq), a cut-off end (anchor) and a forged record (no key)
 * are all found. The first problem of each chain is reported with its file, line and seq.
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /**
     * The result for one chain.
     *
     * @param chain   the chain id (its folder name)
     * @param files   number of files
     * @param records number of records read before the first problem (all of them when there is none)
     * @param lastSeq seq of the last good record
     * @param problem the first problem, or null when the chain is intact
     */
    public record ChainResult(String chain, int files, long records, long lastSeq, Problem problem) {
        /** @return whether the chain is intact */
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Where and why a chain is broken.
     *
     * @param file the file name, or {@code anchor.json}
     * @param line the line number (from 1), 0 for the anchor or a whole file
     * @param seq  the seq of the record at fault, or -1 when it has none
     * @param why  what is wrong, in plain words
     */
    public record Problem(String file, long line, long seq, String why) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + (seq >= 0 ? " (seq " + seq + ")" : "") + ": " + why;
        }
    }

    /**
     * @param auditDir the audit folder holding one folder per chain
     * @param key      the audit key
     * @return one result per chain, by chain id; empty when there is no chain
     * @throws UncheckedIOException if a file cannot be read
     */
    public static List<ChainResult> verify(Path auditDir, AuditKey key) {
        try {
            List<ChainResult> out = new ArrayList<>();
            for (Path chainDir : ChainFiles.chains(auditDir)) {
                out.add(verifyChain(chainDir, key));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit folder " + auditDir + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ChainResult verifyChain(Path chainDir, AuditKey key) throws IOException {
        String chain = chainDir.getFileName().toString();
        List<Path> files = ChainFiles.files(chainDir);
        long expected = 1;
        String prev = AuditRecord.GENESIS;
        String prevPrev = null;
        long records = 0;
        ChainFiles.Start start = ChainFiles.Start.read(chainDir);
        if (start != null) {
            if (!start.authentic(key, chain)) {
                return new ChainResult(chain, files.size(), 0, 0, new Problem(ChainFiles.Start.FILE, 0, start.seq(),
                        "the start of the pruned chain is not authentic (edited, or written with another key)"));
            }
            expected = start.seq();
            prev = start.prev();
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = file.getFileName().toString();
            long firstSeq = ChainFiles.firstSeq(file);
            if (start != null && i + 1 < files.size() && ChainFiles.firstSeq(files.get(i + 1)) <= start.seq()) {
                continue; // pruned: a file the pruner had not yet deleted
            }
            if (firstSeq != expected) {
                return new ChainResult(chain, files.size(), records, expected - 1, new Problem(name, 0, firstSeq,
                        "the file should start at seq " + expected + " but its name says " + firstSeq
                                + (firstSeq > expected ? ": records or a whole file are missing before it" : "")));
            }
            byte[] all = Files.readAllBytes(file);
            boolean cut = all.length > 0 && all[all.length - 1] != '\n';
            try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(
                    new java.io.ByteArrayInputStream(all), StandardCharsets.UTF_8))) {
                String line;
                long n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    if (cut && !in.ready()) {
                        return broken(chain, files, records, expected, name, n, -1,
                                "the last line is incomplete (cut short; a crash, or an edit)");
                    }
                    Map<String, Object> m;
                    try {
                        m = CanonicalJson.MAPPER.readValue(line, LinkedHashMap.class);
                    } catch (IOException e) {
                        return broken(chain, files, records, expected, name, n, -1, "the line is not JSON");
                    }
                    long seq = m.get("seq") instanceof Number s ? s.longValue() : -1;
                    if (!chain.equals(m.get("chain"))) {
                        return broken(chain, files, records, expected, name, n, seq,
                                "the record belongs to chain '" + m.get("chain") + "', not '" + chain + "' (moved here?)");
                    }
                    if (seq != expected) {
                        return broken(chain, files, records, expected, name, n, seq, seq > expected
                                ? "seq " + expected + " was expected: " + (seq - expected) + " record(s) before it are missing or moved"
                                : "seq " + expected + " was expected: the record is out of order or repeated");
                    }
                    Object recordPrev = m.remove("prev");
                    Object hash = m.remove("hash");
                    if (!prev.equals(recordPrev)) {
                        return broken(chain, files, records, expected, name, n, seq,
                                "its prev does not match the hash of the record before it (a record was removed, replaced or moved)");
                    }
                    if (!(hash instanceof String h) || !h.equals(key.chainHash(prev, CanonicalJson.bytes(m)))) {
                        return broken(chain, files, records, expected, name, n, seq,
                                "its hash does not match its content: the record was edited (or written with another key)");
                    }
                    prevPrev = prev;
                    prev = h;
                    expected++;
                    records++;
                }
            }
        }
        long last = expected - 1;
        ChainFiles.Anchor a = ChainFiles.Anchor.read(chainDir);
        String anchorName = ChainFiles.ANCHOR;
        if (a == null) {
            return last == 0 ? new ChainResult(chain, files.size(), 0, 0, null)
                    : new ChainResult(chain, files.size(), records, last, new Problem(anchorName, 0, -1, "the anchor is missing"));
        }
        if (!a.authentic(key) || !chain.equals(a.chain())) {
            return new ChainResult(chain, files.size(), records, last, new Problem(anchorName, 0, a.seq(),
                    "the anchor is not authentic (edited, or written with another key)"));
        }
        if (a.seq() > last) {
            return new ChainResult(chain, files.size(), records, last, new Problem(anchorName, 0, a.seq(),
                    "the anchor names seq " + a.seq() + " but the chain ends at seq " + last + ": "
                            + (a.seq() - last) + " record(s) were cut off the end"));
        }
        boolean matches = a.seq() == last && a.hash().equals(prev)
                || a.seq() == last - 1 && a.hash().equals(prevPrev);
        if (!matches) {
            return new ChainResult(chain, files.size(), records, last, new Problem(anchorName, 0, a.seq(),
                    "the anchor names seq " + a.seq() + " but the chain ends at seq " + last
                            + " with another hash: the end of the chain was replaced, or an old anchor put back"));
        }
        return new ChainResult(chain, files.size(), records, last, null);
    }

    private static ChainResult broken(String chain, List<Path> files, long records, long expected, String file, long line,
                                      long seq, String why) {
        return new ChainResult(chain, files.size(), records, expected - 1, new Problem(file, line, seq, why));
    }
}
