package org.jiedao.hub.app;

import java.util.List;

import org.jiedao.hub.graph.resolution.BlockingRule;
import org.jiedao.hub.graph.resolution.DateComparator;
import org.jiedao.hub.graph.resolution.ExactComparator;
import org.jiedao.hub.graph.resolution.NameComparator;
import org.jiedao.hub.graph.resolution.ResolutionRecord;
import org.jiedao.hub.graph.resolution.ResolutionSettings;
import org.jiedao.hub.graph.resolution.StringComparator;
import org.jiedao.hub.graph.resolution.TypoComparator;
import org.jiedao.hub.loaders.normalise.PersonMatchFields;
import org.jiedao.hub.simulator.NoisyPersonRecords;

/**
 * The entity-resolution settings for person records built with {@link PersonMatchFields} (docs/entity-resolution.md):
 * comparisons on name (key and pinyin), birth date, gender, phone, address and the ID number as written; blocking on
 * surname pinyin + initials of the given name + birth year ({@code wang|xy|1980} for 王晓雨, so homophones and
 * traditional characters share the key), phone, name, the first 14 characters of the ID number (area code and birth
 * date), and address + surname pinyin;
 * the valid canonical ID number as the strong identifier; phone and address values shared by more than 8 distinct ID
 * numbers are hub values.
 */
final class PersonResolution {

    /** Distinct ID numbers above which a shared phone or address is a hub value (households have up to 6 members). */
    static final int MAX_IDENTITIES_PER_VALUE = 8;

    private PersonResolution() {
    }

    /**
     * @return the settings builder with the person defaults (thresholds: link at 0 bits, a posterior match probability
     *         of 0.5 among the candidate pairs; review from -5 bits, probability 0.03)
     */
    static ResolutionSettings.Builder settings() {
        return ResolutionSettings.builder()
                .compare(new NameComparator("name", PersonMatchFields.NAME, PersonMatchFields.NAME_PINYIN),
                        new DateComparator("birthDate", PersonMatchFields.BIRTH_DATE),
                        new ExactComparator("gender", PersonMatchFields.GENDER, false),
                        new ExactComparator("phone", PersonMatchFields.PHONE, false),
                        new StringComparator("address", PersonMatchFields.ADDRESS, new double[] {0.9}, false),
                        new TypoComparator("idNumber", PersonMatchFields.ID_DIGITS))
                .block(new BlockingRule("pinyinInitialsBirthYear", PersonResolution::initialsAndYear),
                        BlockingRule.onFields("phone", PersonMatchFields.PHONE),
                        BlockingRule.onFields("name", PersonMatchFields.NAME),
                        BlockingRule.onPrefix("idPrefix", PersonMatchFields.ID_DIGITS, 14),
                        BlockingRule.onFields("addressSurname", PersonMatchFields.ADDRESS, PersonMatchFields.SURNAME_PINYIN))
                .strongIdentifiers(PersonMatchFields.ID_NUMBER)
                .hubFields(MAX_IDENTITIES_PER_VALUE, PersonMatchFields.PHONE, PersonMatchFields.ADDRESS)
                .thresholds(0, -5);
    }

    /**
     * The key of the first blocking pass: surname syllable, initials of the other syllables, birth year.
     *
     * @param r a record
     * @return e.g. {@code wang|xy|1980}, or null without pinyin or birth year
     */
    static String initialsAndYear(ResolutionRecord r) {
        String p = r.get(PersonMatchFields.NAME_PINYIN);
        String y = r.get(PersonMatchFields.BIRTH_YEAR);
        if (p == null || y == null) {
            return null;
        }
        String[] syllables = p.split(" ");
        StringBuilder b = new StringBuilder(syllables[0]).append('|');
        for (int i = 1; i < syllables.length; i++) {
            b.append(syllables[i].charAt(0));
        }
        return b.append('|').append(y).toString();
    }

    /**
     * A generated record as the engine's input.
     *
     * @param r the record with its raw values
     * @return the record with its normalised match fields
     */
    static ResolutionRecord record(NoisyPersonRecords.PersonRecord r) {
        return new ResolutionRecord(r.recordId(), r.source(),
                PersonMatchFields.of(r.name(), r.idNumber(), r.birthDate(), r.gender(), r.phone(), r.address()));
    }

    /**
     * Many generated records as the engine's input, normalised in parallel (the common fork-join pool) with each
     * distinct name, phone and address normalised once ({@link PersonMatchFields.Memo}): the same records, in the
     * same order, as {@link #record} one by one.
     *
     * @param raw        the records with their raw values
     * @param memoEntries distinct values remembered per field (names, phones, addresses)
     * @return the records with their normalised match fields, in the order of {@code raw}
     */
    static List<ResolutionRecord> records(List<NoisyPersonRecords.PersonRecord> raw, int memoEntries) {
        PersonMatchFields.Memo memo = new PersonMatchFields.Memo(memoEntries);
        return raw.parallelStream()
                .map(r -> new ResolutionRecord(r.recordId(), r.source(),
                        memo.of(r.name(), r.idNumber(), r.birthDate(), r.gender(), r.phone(), r.address())))
                .toList();
    }
}
