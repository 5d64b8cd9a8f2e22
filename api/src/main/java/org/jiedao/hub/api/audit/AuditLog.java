package org.jiedao.hub.api.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit trail of one hub process (issue 7; docs/security/audit.md).
 *
 * <p><b>Storage.</b> Records are JSON Lines in {@code <audit dir>/<chain>/audit-<first seq>-<UTC day>.jsonl}; a new
 * file starts each UTC day and when a file reaches {@link Options#maxFileBytes()}. One chain per process: the
 * chain id is the node id (host name by default); a second process on the same folder with the same node id takes
 * {@code <node>.1}, {@code <node>.2}, ... (each chain folder is held with an OS file lock), so no two writers ever
 * share a chain, whatever number of hubs share the graph (DESIGN.md, "Scale"). Each record carries {@code prev}, the
 * previous record's hash, and {@code hash = HMAC-SHA256(chain key, prev || canonical JSON of its other members)}
 * ({@link AuditKey}, {@link CanonicalJson}), so editing, removing or reordering a record breaks the chain for anyone
 * holding the key, and nobody without the key can repair it. {@code anchor.json} beside the files holds the last
 * seq and hash with a MAC and is rewritten in place after every record, so cutting records off the end is detected
 * too ({@link AuditVerifier}).
 *
 * <p><b>Durability.</b> {@link #record} returns once the line has been written to the file (one {@code write} to the
 * operating system; a killed process loses nothing); the files are forced to disk ({@code fsync}) at least once a
 * second by a background thread, on rotation and on close. A power failure can therefore lose the records of at most
 * the last second. The callers write the record before they send the response, and refuse the request when it
 * cannot be written ({@link AuditUnavailableException}).
 *
 * <p><b>Restart.</b> A reopened chain continues after its last record. A last line cut short by a crash is removed
 * first (it was never acknowledged). A chain whose end disagrees with its anchor (records cut off while the hub was
 * stopped) is not continued: the log logs an error and writes to the next free chain id, leaving the evidence for
 * {@code hub audit verify}.
 *
 * <p>Thread-safe: one lock serialises the appends (one append per request).
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    /**
     * How a log writes.
     *
     * @param node         the node id, the stem of the chain id (letters, digits, {@code .}, {@code _}, {@code -};
     *                     others become {@code _})
     * @param maxFileBytes a file is closed and the next one started once it holds this many bytes (at least 1)
     * @param clock        the clock of record times and file days
     */
    public record Options(String node, long maxFileBytes, Clock clock) {
        /** 64 MiB. */
        public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

        /**
         * @throws IllegalArgumentException if the node is blank or maxFileBytes below 1
         */
        public Options {
            if (node == null || node.isBlank()) {
                throw new IllegalArgumentException("the audit node id must not be blank");
            }
            node = node.strip().replaceAll("[^A-Za-z0-9._-]", "_");
            if (maxFileBytes < 1) {
                throw new IllegalArgumentException("the audit file size limit must be at least 1 byte, was " + maxFileBytes);
            }
        }

        /**
         * @param node the node id
         * @return options with that node, 64 MiB files and the system clock (UTC)
         */
        public static Options of(String node) {
            return new Options(node, DEFAULT_MAX_FILE_BYTES, Clock.systemUTC());
        }

        /** @return the host name, or {@code hub} if it cannot be told */
        public static String hostName() {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "hub";
            }
        }
    }

    private final Path dir;
    private final AuditKey key;
    private final Pseudonyms pseudonyms;
    private final Options options;
    private final String chain;
    private final Path chainDir;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final FileChannel anchor;
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService syncer;
    private FileChannel current;
    private String currentDay;
    private long currentSize;
    private long seq;
    private String prev;
    private boolean broken;
    private boolean closed;
    private volatile boolean dirty;

    private AuditLog(Path dir, AuditKey key, Options options, String chain, FileChannel lockChannel, FileLock fileLock,
                     long seq, String prev) throws IOException {
        this.dir = dir;
        this.key = key;
        this.pseudonyms = new Pseudonyms(key);
        this.options = options;
        this.chain = chain;
        this.chainDir = dir.resolve(chain);
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
        this.seq = seq;
        this.prev = prev;
        this.anchor = FileChannel.open(chainDir.resolve(ChainFiles.ANCHOR), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        writeAnchor();
        anchor.force(false);
        List<Path> files = ChainFiles.files(chainDir);
        if (!files.isEmpty()) {
            Path last = files.getLast();
            if (ChainFiles.day(last).equals(today()) && Files.size(last) < options.maxFileBytes()) {
                open(last, ChainFiles.day(last));
            }
        }
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("audit-fsync").unstarted(r));
        syncer.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Opens (or creates) this process's chain under an audit folder.
     *
     * @param dir     the audit folder, e.g. {@code data/audit}; created if missing
     * @param keyFile the key file, e.g. {@code data/secrets/audit-hmac.key}; created (mode 600) if missing
     * @param options node id, file size limit, clock
     * @return the open log
     * @throws UncheckedIOException if the folder or key cannot be created or read
     */
    public static AuditLog open(Path dir, Path keyFile, Options options) {
        AuditKey key = AuditKey.loadOrCreate(keyFile);
        try {
            Files.createDirectories(dir);
            for (int i = 0; ; i++) {
                String chain = i == 0 ? options.node() : options.node() + "." + i;
                Path chainDir = Files.createDirectories(dir.resolve(chain));
                FileChannel lockChannel = FileChannel.open(chainDir.resolve(ChainFiles.LOCK), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock fileLock;
                try {
                    fileLock = lockChannel.tryLock();
                } catch (OverlappingFileLockException e) {
                    fileLock = null; // held by this JVM
                }
                if (fileLock == null) {
                    lockChannel.close();
                    continue;
                }
                String problem = null;
                long seq = 0;
                String prev = AuditRecord.GENESIS;
                List<Path> files = ChainFiles.files(chainDir);
                if (!files.isEmpty()) {
                    Path last = files.getLast();
                    cutIncompleteLine(last);
                    String line = null;
                    for (int f = files.size() - 1; f >= 0 && line == null; f--) {
                        line = ChainFiles.lastLine(files.get(f));
                    }
                    if (line != null) {
                        AuditRecord r = parse(line);
                        if (r == null) {
                            problem = "its last line is not an audit record";
                        } else {
                            seq = r.seq();
                            prev = r.hash();
                        }
                    }
                }
                ChainFiles.Anchor a = ChainFiles.Anchor.read(chainDir);
                if (problem == null && seq > 0) {
                    if (a == null) {
                        problem = "its anchor is missing";
                    } else if (!a.authentic(key) || !chain.equals(a.chain())) {
                        problem = "its anchor is not authentic";
                    } else if (a.seq() > seq || seq - a.seq() > 1 || a.seq() == seq && !a.hash().equals(prev)) {
                        problem = "its anchor (seq " + a.seq() + ") does not match its last record (seq " + seq + ")";
                    }
                }
                if (problem != null) {
                    LOG.error("audit chain {} in {} is not continued: {}; run 'hub audit verify'. Writing to the next chain id.",
                            chain, dir, problem);
                    fileLock.release();
                    lockChannel.close();
                    continue;
                }
                return new AuditLog(dir, key, options, chain, lockChannel, fileLock, seq, prev);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void cutIncompleteLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            if (last.get(0) != '\n') {
                long keep = ChainFiles.lastNewline(ch, size) + 1;
                LOG.warn("audit file {} ended in an incomplete line ({} bytes, from a crash); removed", file, size - keep);
                ch.truncate(keep);
                ch.force(false);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static AuditRecord parse(String line) {
        try {
            return AuditRecord.fromMap(CanonicalJson.MAPPER.readValue(line, Map.class));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Appends one record: pseudonymises the event's personal values ({@link Pseudonyms}), numbers it, chains it and
     * writes it (see the class description for durability). This is the API for every recording point: the GraphQL
     * handlers and the export record through it, and data-exchange deliveries (issue 10) call it with
     * {@link AuditEvent.Kind#DELIVERY}, the partner's principal, the agreement as {@code operation}, the entities
     * delivered and the payload size, before they report the delivery as done.
     *
     * @param event what happened
     * @return the record as written
     * @throws AuditUnavailableException if it cannot be written (the caller must then refuse or fail its work)
     */
    public AuditRecord record(AuditEvent event) {
        List<String> entities = pseudonyms.refs(event.entities());
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) pseudonyms.hashStrings(event.variables());
        List<String> literals = pseudonyms.values(event.literals());
        String subject = event.subject() == null ? null : pseudonyms.ref(event.subject().label(), event.subject().key());
        lock.lock();
        try {
            if (closed) {
                throw new AuditUnavailableException("the audit log is closed", null);
            }
            recover();
            Instant now = options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
            String day = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
            if (current == null || !day.equals(currentDay) || currentSize >= options.maxFileBytes()) {
                rotate(day);
            }
            AuditRecord r = new AuditRecord(chain, seq + 1, now, event.kind().id(), event.principal(), event.role(),
                    event.authenticatedBy(), event.purpose(), event.operation(), event.documentHash(), variables, literals,
                    entities, subject, event.resultBytes(), entities.size(), event.errors().isEmpty() ? "ok" : "error",
                    event.errors(), event.traceId(), event.details(), prev, null);
            String hash = key.chainHash(prev, CanonicalJson.bytes(r.content()));
            r = new AuditRecord(r.chain(), r.seq(), r.time(), r.kind(), r.principal(), r.role(), r.authenticatedBy(),
                    r.purpose(), r.operation(), r.documentHash(), r.variables(), r.literals(), r.entities(), r.subject(),
                    r.resultBytes(), r.resultEntities(), r.outcome(), r.errors(), r.traceId(), r.details(), prev, hash);
            byte[] json = CanonicalJson.bytes(r.toMap());
            ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
            broken = true; // until the whole line is written
            while (line.hasRemaining()) {
                current.write(line);
            }
            currentSize += json.length + 1;
            broken = false;
            seq = r.seq();
            prev = hash;
            dirty = true;
            writeAnchor();
            return r;
        } catch (IOException e) {
            throw new AuditUnavailableException("the audit trail cannot be written (" + chainDir + "): " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** After a failed write: cut the current file back to its last complete record. */
    private void recover() throws IOException {
        if (broken && current != null) {
            current.truncate(currentSize);
            broken = false;
        }
    }

    private void rotate(String day) throws IOException {
        if (current != null) {
            current.force(false);
            current.close();
            current = null;
        }
        open(chainDir.resolve(ChainFiles.name(seq + 1, day)), day);
    }

    private void open(Path file, String day) throws IOException {
        current = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        currentDay = day;
        currentSize = current.size();
    }

    private void writeAnchor() throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(ChainFiles.Anchor.of(key, chain, seq, prev).bytes());
        long pos = 0;
        while (buf.hasRemaining()) {
            pos += anchor.write(buf, pos);
        }
    }

    private String today() {
        return options.clock().instant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Forces what was written to disk; called every second, on rotation and on close. */
    private void sync() {
        if (!dirty) {
            return;
        }
        dirty = false;
        FileChannel file;
        lock.lock();
        try {
            file = current;
        } finally {
            lock.unlock();
        }
        try {
            if (file != null) {
                file.force(false);
            }
            anchor.force(false);
        } catch (ClosedChannelException e) {
            // rotated or closed meanwhile; both force before closing
        } catch (IOException e) {
            dirty = true;
            LOG.error("cannot force the audit trail to disk ({}): {}", chainDir, e.getMessage());
        }
    }

    /** @return the pseudonyms under this log's key (for searches and callers that need a ref) */
    public Pseudonyms pseudonyms() {
        return pseudonyms;
    }

    /** @return this process's chain id, e.g. the host name */
    public String chain() {
        return chain;
    }

    /** @return the audit folder (the parent of the chain folders) */
    public Path directory() {
        return dir;
    }

    /** @return the seq of the last record written to this chain, 0 if none */
    public long lastSeq() {
        lock.lock();
        try {
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /** Forces the records to disk, closes the files and releases the chain. Later {@link #record} calls fail. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            syncer.shutdownNow();
            if (current != null) {
                current.force(false);
                current.close();
            }
            anchor.force(false);
            anchor.close();
            fileLock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.error("closing the audit trail ({}) failed: {}", chainDir, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** @return a short description for logs: folder and chain */
    @Override
    public String toString() {
        return "audit log " + chainDir + " (seq " + lastSeq() + ")";
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
