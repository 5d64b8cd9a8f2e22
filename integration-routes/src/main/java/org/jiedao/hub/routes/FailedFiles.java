package org.jiedao.hub.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jiedao.hub.graph.write.QuarantineStore;
import org.jiedao.hub.graph.write.QuarantineStore.Entry;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;

/**
 * Replay of file-level quarantine entries: a file rejected whole (undecodable, wrong header) is archived by its
 * file route in {@code <directory>/.failed/<name>.<yyyyMMdd-HHmmssSSS>.<ext>}, and quarantined with its file name as
 * location and {@code {"bytes": n, "file": name}} as raw values. Replaying such an entry moves the newest archived
 * copy back to {@code <directory>/<name>}, where the source's route reads it again (after the file was fixed in
 * {@code .failed/}, or the source definition was, e.g. its encoding). Once the route has taken it in,
 * {@link #settle} marks the entry resolved if the file went to {@code .done/}; if it failed again the entry stays.
 */
public final class FailedFiles {
    /** The timestamp the file route puts into archived names (see FileSourceRoute). */
    private static final Pattern ARCHIVED = Pattern.compile("^(.*?)\\.(\\d{8}-\\d{9})(\\..*)?$");

    private FailedFiles() {
    }

    /**
     * @param e a quarantine entry
     * @return whether it stands for a whole file rejected (its raw values are exactly {@code bytes} and {@code file})
     */
    public static boolean isFileEntry(Entry e) {
        return e.raw() != null && QuarantineReplay.parse(e.raw()).keySet().equals(Set.of("bytes", "file"));
    }

    /**
     * A file moved back into its source directory.
     *
     * @param entry     the quarantine entry
     * @param directory the source directory
     * @param name      the file's original name (the entry's location)
     * @param from      the archived copy it was moved from
     */
    public record Returned(Entry entry, Path directory, String name, Path from) {
    }

    /**
     * Moves the newest archived copy of each unresolved file-level entry's file back into its source directory.
     * A file is not moved if a file of that name is already waiting there.
     *
     * @param entries  unresolved quarantine entries (others are ignored)
     * @param sources  the current source definitions by id
     * @param problems receives one line per entry that could not be returned (source gone, no archived copy,
     *                 name taken)
     * @return the files returned
     * @throws IOException if a move fails
     */
    public static List<Returned> returnToSource(List<Entry> entries, Map<String, SourceDefinition> sources,
                                                List<String> problems) throws IOException {
        List<Returned> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.resolved() || !isFileEntry(e)) {
                continue;
            }
            SourceDefinition d = sources.get(e.source());
            if (d == null || d.kind() != SourceKind.FILE) {
                problems.add(e.uid() + ": source '" + e.source() + "' is not a declared file source");
                continue;
            }
            Path dir = Path.of(d.file().directory());
            Optional<Path> archived = newestArchived(dir.resolve(".failed"), e.location());
            if (archived.isEmpty()) {
                problems.add(e.uid() + ": no copy of " + e.location() + " in " + dir.resolve(".failed"));
                continue;
            }
            Path target = dir.resolve(e.location());
            if (Files.exists(target)) {
                problems.add(e.uid() + ": " + target + " exists already; it is read as it is");
                continue;
            }
            Files.move(archived.get(), target);
            out.add(new Returned(e, dir, e.location(), archived.get()));
        }
        return out;
    }

    /**
     * After the source's route has taken the returned files in: marks resolved the entries whose file is now in
     * {@code .done/} (archived after {@code since}).
     *
     * @param returned the files returned by {@link #returnToSource}
     * @param store    the quarantine store
     * @param sinceStamp the archive timestamp ({@code yyyyMMdd-HHmmssSSS}, local time) taken before the files were
     *                 returned
     * @return the entries still failing (their files went back to {@code .failed/})
     * @throws IOException if {@code .done/} cannot be listed
     */
    public static List<Returned> settle(List<Returned> returned, QuarantineStore store, String sinceStamp) throws IOException {
        List<QuarantineStore.Resolution> resolved = new ArrayList<>();
        List<Returned> failing = new ArrayList<>();
        for (Returned r : returned) {
            Optional<Path> done = newestArchived(r.directory().resolve(".done"), r.name())
                    .filter(p -> stamp(p).compareTo(sinceStamp) >= 0);
            if (done.isPresent()) {
                resolved.add(new QuarantineStore.Resolution(r.entry().uid(), null, null));
            } else {
                failing.add(r);
            }
        }
        store.markResolved(resolved);
        return failing;
    }

    private static Optional<Path> newestArchived(Path folder, String name) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> name.equals(originalName(p.getFileName().toString())))
                    .max(Comparator.comparing(FailedFiles::stamp));
        }
    }

    /** {@code hukou.20261129-112640123.csv} is an archived {@code hukou.csv}; null if the name carries no stamp. */
    static String originalName(String archived) {
        Matcher m = ARCHIVED.matcher(archived);
        return m.matches() ? m.group(1) + (m.group(3) == null ? "" : m.group(3)) : null;
    }

    private static String stamp(Path p) {
        Matcher m = ARCHIVED.matcher(p.getFileName().toString());
        return m.matches() ? m.group(2) : "";
    }
}
