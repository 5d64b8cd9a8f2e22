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
 * surname pinyin + initials of the given name + birth year and month ({@code wang|xy|1980-03} for 王晓雨, so
 * homophones and traditional characters share the key), the same + birth month and day, phone, name (records without a
 * birth year only), the first 14 characters of the ID number (area code and birth date) + surname pinyin, and address
 * + surname pinyin: every key has values per person, household or day of birth, so blocks stay the same size as the
 * population grows and the pairs compared per record stay about constant;
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
                .block(new BlockingRule("pinyinInitialsYearMonth", r -> initialsAnd(r, 0, 7)),
                        new BlockingRule("pinyinInitialsMonthDay", r -> initialsAnd(r, 5, 10)),
                        BlockingRule.onFields("phone", PersonMatchFields.PHONE),
                        new BlockingRule("nameWithoutBirthYear", PersonResolution::nameWithoutBirthYear),
                        BlockingRule.onPrefix("idPrefixSurname", PersonMatchFields.ID_DIGITS, 14,
                                PersonMatchFields.SURNAME_PINYIN),
                        BlockingRule.onFields("addressSurname", PersonMatchFields.ADDRESS, PersonMatchFields.SURNAME_PINYIN))
                .strongIdentifiers(PersonMatchFields.ID_NUMBER)
                .hubFields(MAX_IDENTITIES_PER_VALUE, PersonMatchFields.PHONE, PersonMatchFields.ADDRESS)
                .thresholds(0, -5);
    }

    /**
     * The key of the two name-and-birth-date passes: surname syllable, initials of the other syllables, and a part of
     * the ISO birth date. {@code (0, 7)} gives year and month ({@code wang|xy|1980-03} for 王晓雨, so homophones,
     * traditional characters and a mistyped day share the key); {@code (5, 10)} gives month and day
     * ({@code wang|xy|03-17}, so a mistyped or transposed year shares it). Both keys have a value per person and day
     * or month of birth, not per year, so a block holds about the same records whatever the population (a key on the
     * year alone grew with the population: docs/entity-resolution.md "Measured").
     *
     * @param r    a record
     * @param from first character of the birth date used (0-based, inclusive)
     * @param to   end of the birth date part (exclusive); a shorter (partial) date has no key
     * @return e.g. {@code wang|xy|1980-03}, or null without pinyin or with a birth date shorter than {@code to}
     */
    static String initialsAnd(ResolutionRecord r, int from, int to) {
        String p = r.get(PersonMatchFields.NAME_PINYIN);
        String d = r.get(PersonMatchFields.BIRTH_DATE);
        if (p == null || d == null || d.length() < to) {
            return null;
        }
        String[] syllables = p.split(" ");
        StringBuilder b = new StringBuilder(syllables[0]).append('|');
        for (int i = 1; i < syllables.length; i++) {
            b.append(syllables[i].charAt(0));
        }
        return b.append('|').append(d, from, to).toString();
    }

    /**
     * The key of the name pass, for records without a birth year only (a hotline call without a valid ID number): the
     * name key. Records with a birth year meet their namesakes in the passes on name and birth date; a name pass over
     * every record made blocks that grow with the population (a common name in a district of a million).
     *
     * @param r a record
     * @return the name key, or null when the record has a birth year or no name
     */
    static String nameWithoutBirthYear(ResolutionRecord r) {
        return r.get(PersonMatchFields.BIRTH_YEAR) != null ? null : r.get(PersonMatchFields.NAME);
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
