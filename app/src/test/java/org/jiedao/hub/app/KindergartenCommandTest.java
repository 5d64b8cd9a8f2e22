package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hub analytics kindergartens} on a constructed graph: six children born 2022-03-01 registered in 府右街社区
 * from birth, one of whom moved out on 2025-01-01, and a kindergarten of 90 places in the community. As of
 * 2023-09-01 (the backtest of school year 2026) no move is known yet, so the forecast is 6 against an actual of 5.
 */
class KindergartenCommandTest {
    private static final String A = "110102001004";
    @TempDir
    static Path dir;
    private final AnalyticsCli cli = new AnalyticsCli(dir);

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        try (var s = TestNeo4j.driver().session()) {
            s.run("""
                    CREATE (c:Community {code: $a, name: '府右街社区', latitude: 39.905, longitude: 116.372})
                    CREATE (h:Household {householdNumber: 'HA'})-[:REGISTERED_AT]->(:Address {text: '府右街1号'})-[:IN_COMMUNITY]->(c)
                    CREATE (:Kindergarten {code: 'K1', name: '府右街幼儿园', capacity: 90})-[:KINDERGARTEN_AT]->(:Address {text: '府右街151号'})-[:IN_COMMUNITY]->(c)
                    WITH h
                    UNWIND range(1, 6) AS i
                    CREATE (p:Person {idNumber: 'A' + i, birthDate: date('2022-03-01')})
                    CREATE (p)-[:MEMBER_OF {validFrom: date('2022-03-01'), validTo: CASE i WHEN 1 THEN date('2025-01-01') END}]->(h)
                    CREATE (:SourceRecord {uid: 'hukou-moves:HA-A' + i})-[:RESOLVES_TO]->(p)
                    """, Map.of("a", A)).consume();
        }
    }

    private int kindergartens(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "kindergartens";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.run(all);
    }

    private String out() {
        return cli.out();
    }

    @Test
    void theForecastCountsTheFiveChildrenStillRegisteredAgainstTheNinetyPlaces() throws Exception {
        assertThat(kindergartens("forecast", "--as-of", "2026-11-01", "--years", "1")).as(cli.err()).isZero();
        // 大班 of 2027: born 2021-09-01 to 2022-08-31; from November 2026 they are 4, an age without moves: weight 1
        assertThat(out()).contains("大班").containsPattern(A + "\\s+府右街社区\\s+2027\\s+0\\.0 \\(0\\)\\s+0\\.0 \\(0\\)\\s+5\\.0 \\(5\\)\\s+5\\.0\\s+90\\s+0\\.0\\s+K1");
        assertThat(kindergartens("forecast", "--as-of", "2026-11-01", "--years", "1", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        JsonNode daban = json.path("areas").path(0).path("years").path(0).path("cohorts").path(2);
        assertThat(daban.path("cohort").asText()).isEqualTo("DABAN");
        assertThat(daban.path("bornFrom").asText()).isEqualTo("2021-09-01");
        assertThat(daban.path("records")).hasSize(5);
        assertThat(json.path("areas").path(0).path("rates").path(2).path("movesOut").asInt()).as("left at 2 years 10 months").isOne();
    }

    @Test
    void theBacktestOf2026ForecastsSixAgainstFiveATwentyPercentError() throws Exception {
        assertThat(kindergartens("backtest", "--year", "2026")).as(cli.err()).isZero();
        assertThat(out()).containsPattern(A + "\\s+府右街社区\\s+6\\.0/5\\s+20\\.0").contains("overall MAPE 20.0 %");
        assertThat(kindergartens("backtest", "--year", "2026", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.path("mape").asDouble()).isEqualTo(20.0);
        assertThat(json.path("areas").path(0).path("years").path(0).path("asOf").asText()).isEqualTo("2023-09-01");
    }

    @Test
    void aBadDayIsRefused() {
        assertThat(kindergartens("forecast", "--as-of", "yesterday")).isEqualTo(1);
        assertThat(cli.err()).contains("--as-of");
        assertThat(kindergartens("forecast", "--years", "0")).isEqualTo(1);
        assertThat(cli.err()).contains("years must be from 1 to 10");
    }
}
