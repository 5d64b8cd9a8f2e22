package org.jiedao.hub.graph.resolution;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Person-like settings and records for the engine's tests. */
final class Fixtures {
    private Fixtures() {
    }

    static final List<FieldComparator> COMPARATORS = List.of(
            new NameComparator("name", "name", "namePinyin"),
            new DateComparator("birthDate", "birthDate"),
            new ExactComparator("gender", "gender", false),
            new ExactComparator("phone", "phone", false),
            new StringComparator("address", "address", new double[] {0.9}, false));

    /** Fixed weights: name exact +8 (before TF), birth date exact +9, gender +1, phone +10, address +5. */
    static MatchWeights weights() {
        double[][] m = {
                {0.90, 0.04, 0.04, 0.02},
                {0.90, 0.03, 0.03, 0.02, 0.02},
                {0.98, 0.02},
                {0.90, 0.10},
                {0.80, 0.10, 0.10}};
        double[][] u = {
                {0.90 / 256, 0.01, 0.02, 1 - 0.90 / 256 - 0.03},
                {0.90 / 512, 0.001, 0.01, 0.05, 1 - 0.90 / 512 - 0.061},
                {0.49, 0.51},
                {0.90 / 1024, 1 - 0.90 / 1024},
                {0.80 / 32, 0.05, 1 - 0.80 / 32 - 0.05}};
        return new MatchWeights(COMPARATORS.stream().map(FieldComparator::name).toList(), m, u, 0.5);
    }

    static ResolutionSettings.Builder settings() {
        return ResolutionSettings.builder()
                .compare(COMPARATORS.toArray(FieldComparator[]::new))
                .block(BlockingRule.onPrefix("surnameBirthYear", "namePinyin", 2, "birthYear"),
                        BlockingRule.onFields("phone", "phone"),
                        BlockingRule.onFields("name", "name"))
                .strongIdentifiers("idNumber")
                .weights(weights())
                .termFrequency(false)
                .thresholds(6, 0);
    }

    /** A person record: id, name, pinyin, birth date, gender, phone, address, ID number (null for none). */
    static ResolutionRecord person(String id, String name, String pinyin, String birth, String gender, String phone,
                                   String address, String idNumber) {
        Map<String, String> m = new HashMap<>();
        m.put("name", name);
        m.put("namePinyin", pinyin);
        m.put("birthDate", birth);
        m.put("birthYear", birth == null ? null : birth.substring(0, 4));
        m.put("gender", gender);
        m.put("phone", phone);
        m.put("address", address);
        m.put("idNumber", idNumber);
        return new ResolutionRecord(id, "test", m);
    }
}
