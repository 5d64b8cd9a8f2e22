package org.jiedao.hub.loaders.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Statistical division codes (统计用区划代码) of the National Bureau of Statistics, 2023 edition, whose first
 * six digits are the GB/T 2260 administrative division codes: province (2 digits) &gt; city (4) &gt;
 * district/county (6) &gt; street/town (9) &gt; community/village (12).
 *
 * <p>The data is read from a CSV on the classpath with the columns {@code code,name,level,parent_code},
 * levels {@code province}, {@code city}, {@code district}, {@code street}, {@code community}. The bundled
 * table {@link #xicheng()} covers 西城区 (110102): its parent chain, its 15 streets and their communities
 * (source and license in {@code SOURCE.md} beside the CSV: modood/Administrative-divisions-of-China, WTFPL).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DivisionCodes {

    /** Classpath resource of the bundled 西城区 table. */
    public static final String XICHENG_RESOURCE = "/org/jiedao/hub/loaders/reference/xicheng_110102.csv";

    private static final String HEADER = "code,name,level,parent_code";

    private static volatile DivisionCodes xicheng;

    private final Map<String, Division> byCode;
    private final Map<String, List<Division>> children;
    private final List<Division> all;

    /**
     * One division: a row of the table.
     *
     * @param code       the statistical division code (2, 4, 6, 9 or 12 digits)
     * @param name       the official name, e.g. {@code 西长安街街道}
     * @param level      {@code province}, {@code city}, {@code district}, {@code street} or {@code community}
     * @param parentCode the code of the enclosing division, or {@code null} for a province
     */
    public record Division(String code, String name, String level, String parentCode) {
        /**
         * Validates the components.
         *
         * @param code       the division code
         * @param name       the name
         * @param level      the level
         * @param parentCode the parent code, {@code null} for a province
         */
        public Division {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(level, "level");
        }
    }

    private DivisionCodes(List<Division> rows) {
        Map<String, Division> codes = new LinkedHashMap<>();
        Map<String, List<Division>> kids = new LinkedHashMap<>();
        for (Division d : rows) {
            if (codes.putIfAbsent(d.code(), d) != null) {
                continue; // the upstream table repeats a parent row now and then; keep the first
            }
            if (d.parentCode() != null) {
                kids.computeIfAbsent(d.parentCode(), k -> new ArrayList<>()).add(d);
            }
        }
        kids.replaceAll((k, v) -> List.copyOf(v));
        this.byCode = Collections.unmodifiableMap(codes);
        this.children = Collections.unmodifiableMap(kids);
        this.all = List.copyOf(codes.values());
    }

    /**
     * The bundled table of 西城区 (110102), loaded once from {@link #XICHENG_RESOURCE}.
     *
     * @return the shared instance
     * @throws UncheckedIOException if the resource is missing or malformed
     */
    public static DivisionCodes xicheng() {
        DivisionCodes d = xicheng;
        if (d == null) {
            synchronized (DivisionCodes.class) {
                d = xicheng;
                if (d == null) {
                    d = fromResource(XICHENG_RESOURCE);
                    xicheng = d;
                }
            }
        }
        return d;
    }

    /**
     * Loads a table in the same CSV format from the classpath.
     *
     * @param resource absolute classpath resource name, e.g. {@code /org/jiedao/hub/loaders/reference/xicheng_110102.csv}
     * @return the table
     * @throws UncheckedIOException if the resource is missing or malformed
     */
    public static DivisionCodes fromResource(String resource) {
        try (InputStream in = DivisionCodes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("classpath resource not found: " + resource));
            }
            return read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a table from a UTF-8 CSV stream ({@code code,name,level,parent_code}, header row first).
     * The stream is not closed.
     *
     * @param in     the CSV bytes
     * @param origin a name for error messages
     * @return the table
     * @throws IOException if reading fails or a row is malformed
     */
    public static DivisionCodes read(InputStream in, String origin) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = r.readLine();
        if (header != null && !header.isEmpty() && header.charAt(0) == '\uFEFF') {
            header = header.substring(1);
        }
        if (header == null || !header.strip().equals(HEADER)) {
            throw new IOException(origin + ": expected header '" + HEADER + "' but found '" + header + "'");
        }
        List<Division> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 4 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()) {
                throw new IOException(origin + ":" + lineNo + ": malformed row '" + line + "'");
            }
            String parent = f[3].strip();
            rows.add(new Division(f[0].strip(), f[1].strip(), f[2].strip(), parent.isEmpty() ? null : parent));
        }
        return new DivisionCodes(rows);
    }

    /**
     * Looks a division up by its code.
     *
     * @param code a division code
     * @return the division, or empty if the table does not hold that code
     */
    public Optional<Division> byCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    /**
     * The divisions directly under a division, in table order (e.g. the communities of a street).
     *
     * @param code a division code
     * @return the children, empty if none or if the code is unknown
     */
    public List<Division> children(String code) {
        return children.getOrDefault(code, List.of());
    }

    /**
     * Every division of the table, in table order, each code once.
     *
     * @return an unmodifiable list
     */
    public List<Division> all() {
        return all;
    }
}
