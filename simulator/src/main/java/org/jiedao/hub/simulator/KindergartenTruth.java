package org.jiedao.hub.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The generator's ground truth of young children's registration, {@value #FILE} (UTF-8 CSV, header {@value #HEADER}):
 * one row per residence spell of every child born since 2005 whose record a correct loader writes, with the
 * community, the first day registered ({@code from}: the birth date, or the move-in date) and the first day no longer
 * registered ({@code to}, the move-out date; empty while still registered), and the uid of the source record that
 * states it. Children of the household registry (source {@code hukou}) count from their birth date, as their row has no
 * dates. From this the enrolment-age population of any community on any day is known exactly.
 *
 * @param spells the spells, in file order
 */
public record KindergartenTruth(List<Spell> spells) {
    /** The file, relative to the generator's output directory. */
    public static final String FILE = "kindergarten_truth.csv";
    /** Its header. */
    public static final String HEADER = "id_number,community_code,birth_date,from,to,record";

    /**
     * One residence spell.
     *
     * @param idNumber  the child's canonical ID number
     * @param community the community's 12-digit code
     * @param birthDate the birth date
     * @param from      the first day registered there
     * @param to        the first day no longer registered there, or null
     * @param record    the uid ({@code source:recordKey}) of the record stating it
     */
    public record Spell(String idNumber, String community, LocalDate birthDate, LocalDate from, LocalDate to, String record) {
        /**
         * @param day a day
         * @return whether the child is registered there on that day: {@code from <= day < to}
         */
        public boolean covers(LocalDate day) {
            return !day.isBefore(from) && (to == null || day.isBefore(to));
        }
    }

    /** Copies the list. */
    public KindergartenTruth {
        spells = List.copyOf(spells);
    }

    /**
     * Reads the truth written by {@link SiloGenerator}.
     *
     * @param outDir the generator's output directory
     * @return the truth
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a row is malformed
     */
    public static KindergartenTruth read(Path outDir) throws IOException {
        List<String> lines = Files.readAllLines(outDir.resolve(FILE), StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
            throw new IllegalArgumentException(FILE + ": header must be " + HEADER);
        }
        List<Spell> spells = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException(FILE + ": not 6 fields: " + line);
            }
            spells.add(new Spell(f[0], f[1], LocalDate.parse(f[2]), LocalDate.parse(f[3]),
                    f[4].isEmpty() ? null : LocalDate.parse(f[4]), f[5]));
        }
        return new KindergartenTruth(spells);
    }

    /**
     * The children registered in a community on a day and born in a window.
     *
     * @param community the community code
     * @param day       the day
     * @param bornFrom  first birth date counted
     * @param bornTo    last birth date counted (inclusive)
     * @return their ID numbers, sorted
     */
    public List<String> children(String community, LocalDate day, LocalDate bornFrom, LocalDate bornTo) {
        return spells.stream().filter(s -> s.community.equals(community) && s.covers(day)
                        && !s.birthDate.isBefore(bornFrom) && !s.birthDate.isAfter(bornTo))
                .map(Spell::idNumber).distinct().sorted().toList();
    }

    /** @return the community codes that have spells, sorted */
    public List<String> communities() {
        return List.copyOf(new TreeSet<>(spells.stream().map(Spell::community).filter(Objects::nonNull).toList()));
    }
}
