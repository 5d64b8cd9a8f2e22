package org.jiedao.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The children's registration history, the kindergartens and the truth the forecast is checked against. */
class ChildRegistrationsTest {
    @TempDir
    Path out;

    @Test
    void theHistorySpansElevenYearsWithBirthsMovesInAndOutAndTheTruthMatchesTheMovesFile() throws Exception {
        GeneratedSilos silos = SiloGenerator.Options.builder().persons(3000).generator().generate(out);
        List<String> moves = Files.readAllLines(out.resolve(ChildRegistrations.MOVES_FILE), StandardCharsets.UTF_8);
        assertThat(moves.getFirst()).isEqualTo(ChildRegistrations.MOVES_HEADER);
        List<String[]> rows = moves.subList(1, moves.size()).stream().map(l -> l.split(",", -1)).toList();
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(11));
        assertThat(rows.stream().filter(r -> r[10].equals("出生")).count()).isGreaterThan(100);
        assertThat(rows.stream().filter(r -> r[10].equals("迁入")).count()).isGreaterThan(30);
        assertThat(rows.stream().filter(r -> !r[9].isEmpty()).count()).isGreaterThan(30);
        LocalDate first = rows.stream().map(r -> LocalDate.parse(r[8])).min(LocalDate::compareTo).orElseThrow();
        assertThat(first).isBefore(SiloGenerator.DEFAULT_REFERENCE_DATE.minusYears(8));

        KindergartenTruth truth = KindergartenTruth.read(silos.outDir());
        assertThat(truth.spells().stream().filter(s -> s.record().startsWith("hukou-moves:")).count()).isEqualTo(rows.size());
        assertThat(truth.communities()).hasSizeGreaterThan(5);
        LocalDate sept = LocalDate.of(2026, 9, 1);
        int total = truth.communities().stream()
                .mapToInt(c -> truth.children(c, sept, LocalDate.of(2020, 9, 1), LocalDate.of(2023, 8, 31)).size()).sum();
        System.out.println("enrolment-age children on " + sept + ": " + total + ", move rows " + rows.size());
        assertThat(total).isGreaterThan(50);
        assertThat(Files.readAllLines(out.resolve(ChildRegistrations.KINDERGARTENS_FILE))).hasSizeGreaterThan(2);
    }
}
