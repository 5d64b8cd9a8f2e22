package org.jiedao.hub.api.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layout of audit chains on disk (docs/security/audit.md): {@code <audit dir>/<chain>/} holds the chain's files
 * {@code audit-<first seq, 12 digits>-<UTC day>.jsonl} in sequence order, the anchor {@code anchor.json} and the
 * writer's lock {@code .lock}.
 */
final class ChainFiles {
    /** Name of a chain's anchor file. */
    static final String ANCHOR = "anchor.json";
    /** Name of a chain's lock file. */
    static final String LOCK = ".lock";
    private static final Pattern FILE = Pattern.compile("audit-(\\d{12})-(\\d{4}-\\d{2}-\\d{2})\\.jsonl");
    /** Bytes of the anchor file: one JSON object padded with spaces, rewritten in place. */
    static final int ANCHOR_BYTES = 512;

    private ChainFiles() {
    }

    /** @return the file name for a file starting at {@code seq} on {@code day} (YYYY-MM-DD) */
    static String name(long seq, String day) {
        return "audit-%012d-%s.jsonl".formatted(seq, day);
    }

    /** @return the first seq a file name says, or -1 if it is not a chain file's name */
    static long firstSeq(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** @return the UTC day a chain file's name says */
    static String day(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        return m.matches() ? m.group(2) : "";
    }

    /** @return the chain's files in sequence order */
    static List<Path> files(Path chainDir) throws IOException {
        if (!Files.isDirectory(chainDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(chainDir)) {
            return s.filter(p -> firstSeq(p) >= 0).sorted(Comparator.comparingLong(ChainFiles::firstSeq)).toList();
        }
    }

    /** @return the chain folders under an audit folder, by name */
    static List<Path> chains(Path auditDir) throws IOException {
        if (!Files.isDirectory(auditDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(auditDir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /**
     * @param file a chain file
     * @return its last complete line (without the newline), or null if it has none
     */
    static String lastLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            if (end == 0) {
                return null;
            }
            // skip an incomplete last line
            long lineEnd = lastNewline(ch, end);
            if (lineEnd < 0) {
                return null;
            }
            long start = lastNewline(ch, lineEnd) + 1;
            ByteBuffer buf = ByteBuffer.allocate((int) (lineEnd - start));
            while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
                // read fully
            }
            return new String(buf.array(), StandardCharsets.UTF_8);
        }
    }

    /** @return the offset of the last '\n' before {@code end}, or -1 */
    static long lastNewline(FileChannel ch, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long pos = end;
        while (pos > 0) {
            int n = (int) Math.min(buf.capacity(), pos);
            buf.clear().limit(n);
            long from = pos - n;
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
                // read fully
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return from + i;
                }
            }
            pos = from;
        }
        return -1;
    }

    /** An anchor: the chain's last seq and hash when it was written, with a MAC under the chain key. */
    record Anchor(String chain, long seq, String hash, String mac) {
        static String macText(String chain, long seq, String hash) {
            return "anchor\n" + chain + "\n" + seq + "\n" + hash;
        }

        static Anchor of(AuditKey key, String chain, long seq, String hash) {
            return new Anchor(chain, seq, hash, key.chainMac(macText(chain, seq, hash)));
        }

        boolean authentic(AuditKey key) {
            return mac != null && mac.equals(key.chainMac(macText(chain, seq, hash)));
        }

        byte[] bytes() {
            byte[] json = CanonicalJson.bytes(Map.of("chain", chain, "seq", seq, "hash", hash, "mac", mac));
            byte[] out = new byte[ANCHOR_BYTES];
            java.util.Arrays.fill(out, (byte) ' ');
            System.arraycopy(json, 0, out, 0, json.length);
            out[ANCHOR_BYTES - 1] = '\n';
            return out;
        }

        /** @return the anchor in a chain folder, or null if there is none */
        @SuppressWarnings("unchecked")
        static Anchor read(Path chainDir) throws IOException {
            Path file = chainDir.resolve(ANCHOR);
            if (!Files.exists(file)) {
                return null;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return new Anchor(null, -1, null, null);
            }
            try {
                Map<String, Object> m = CanonicalJson.MAPPER.readValue(text, Map.class);
                return new Anchor((String) m.get("chain"), ((Number) m.get("seq")).longValue(), (String) m.get("hash"),
                        (String) m.get("mac"));
            } catch (IOException | RuntimeException e) {
                return new Anchor(null, -1, null, null);
            }
        }
    }

    /**
     * Where a pruned chain now starts ({@code start.json}): the seq of its first kept record and that record's
     * {@code prev}, with a MAC under the chain key, written by {@link AuditPruner} before it deletes older files.
     */
    record Start(String chain, long seq, String prev, String mac) {
        /** Name of a chain's start file. */
        static final String FILE = "start.json";

        static String macText(String chain, long seq, String prev) {
            return "start\n" + chain + "\n" + seq + "\n" + prev;
        }

        static Start of(AuditKey key, String chain, long seq, String prev) {
            return new Start(chain, seq, prev, key.chainMac(macText(chain, seq, prev)));
        }

        boolean authentic(AuditKey key, String expectedChain) {
            return mac != null && expectedChain.equals(chain) && prev != null
                    && mac.equals(key.chainMac(macText(chain, seq, prev)));
        }

        void write(Path chainDir) throws IOException {
            Path tmp = chainDir.resolve(FILE + ".tmp");
            Files.write(tmp, CanonicalJson.bytes(Map.of("chain", chain, "seq", seq, "prev", prev, "mac", mac)));
            Files.move(tmp, chainDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }

        /** @return the start of a chain folder, null if it was never pruned */
        @SuppressWarnings("unchecked")
        static Start read(Path chainDir) throws IOException {
            Path file = chainDir.resolve(FILE);
            if (!Files.exists(file)) {
                return null;
            }
            try {
                Map<String, Object> m = CanonicalJson.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Map.class);
                return new Start((String) m.get("chain"), ((Number) m.get("seq")).longValue(), (String) m.get("prev"),
                        (String) m.get("mac"));
            } catch (IOException | RuntimeException e) {
                return new Start(null, -1, null, null);
            }
        }
    }

    /** @return the names of a list of files, for messages */
    static List<String> names(List<Path> files) {
        List<String> out = new ArrayList<>();
        files.forEach(f -> out.add(f.getFileName().toString()));
        return out;
    }
}
