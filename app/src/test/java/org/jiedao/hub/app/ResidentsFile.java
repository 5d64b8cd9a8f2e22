package org.jiedao.hub.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.loaders.normalise.IdNumber;

/**
 * A generated residents CSV (UTF-8, Chinese headers) for the quarantine tests, with its source definition: every
 * {@code badEvery}-th row is bad in one of seven ways, in turn. Keeps the good values of every row, so a test can
 * correct the bad ones.
 */
final class ResidentsFile {
    /** The source id of {@link #definition(Path)}. */
    static final String SOURCE = "residents";
    static final List<String> HEADER = List.of("户号", "姓名", "性别", "民族", "出生日期", "公民身份号码", "号牌号码");
    private static final String[] NAMES = {"林晓雨", "王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "阿依古丽·买买提"};

    /** The kinds of bad row, in the order they take turns; the column each one's reason must name. */
    enum Bad {
        WRONG_CHECK_CHARACTER("公民身份号码"), IMPOSSIBLE_DATE("出生日期"), INVALID_PLATE("号牌号码"),
        INVALID_GENDER("性别"), MISSING_NAME("姓名"), UNKNOWN_ETHNICITY("民族"), BROKEN_QUOTE(null);

        final String column;

        Bad(String column) {
            this.column = column;
        }
    }

    final String fileName;
    final List<Map<String, String>> good = new ArrayList<>();
    final Map<Integer, Bad> bad = new LinkedHashMap<>();

    /**
     * @param fileName the CSV's name
     * @param rows     data rows
     * @param badEvery every this-many-th row is bad (row index {@code badEvery - 3}, then every {@code badEvery})
     */
    ResidentsFile(String fileName, int rows, int badEvery) {
        this.fileName = fileName;
        LocalDate base = LocalDate.of(1950, 1, 1);
        for (int i = 0; i < rows; i++) {
            int seq = i % 998 + 1;
            LocalDate birth = base.plusDays(i / 998);
            String first17 = "110102" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + "%03d".formatted(seq);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("户号", "H" + (i / 3));
            row.put("姓名", NAMES[i % NAMES.length]);
            row.put("性别", seq % 2 == 1 ? "男" : "女");
            row.put("民族", i % 5 == 0 ? "回族" : "汉族");
            row.put("出生日期", birth.getYear() + "年" + birth.getMonthValue() + "月" + birth.getDayOfMonth() + "日");
            row.put("公民身份号码", first17 + IdNumber.checkCharacter(first17));
            row.put("号牌号码", i % 4 == 0 ? "京A·%05d".formatted(i) : "");
            good.add(row);
            if (i % badEvery == badEvery - 3) {
                bad.put(i, Bad.values()[bad.size() % Bad.values().length]);
            }
        }
    }

    /** @return the location the reader gives row {@code i}: the header is line 1 */
    String location(int i) {
        return fileName + " line " + (i + 2);
    }

    /** Writes the file with the bad rows spoilt. */
    Path write(Path directory) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        for (int i = 0; i < good.size(); i++) {
            Map<String, String> row = new LinkedHashMap<>(good.get(i));
            Bad b = bad.get(i);
            if (b != null) {
                switch (b) {
                    case WRONG_CHECK_CHARACTER -> {
                        String id = row.get("公民身份号码");
                        char wrong = id.charAt(17) == '1' ? '2' : '1';
                        row.put("公民身份号码", id.substring(0, 17) + wrong);
                    }
                    case IMPOSSIBLE_DATE -> row.put("出生日期", "1999年2月30日");
                    case INVALID_PLATE -> row.put("号牌号码", "京AI%04d".formatted(i % 10_000));
                    case INVALID_GENDER -> row.put("性别", "X");
                    case MISSING_NAME -> row.put("姓名", "");
                    case UNKNOWN_ETHNICITY -> row.put("民族", "火星族");
                    case BROKEN_QUOTE -> row.put("姓名", "\"" + row.get("姓名"));
                }
            }
            csv.append(String.join(",", row.values())).append("\r\n");
        }
        Path file = directory.resolve(fileName);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * @param drop the directory the source watches
     * @return the YAML definition of the source {@value #SOURCE}
     */
    static String definition(Path drop) {
        return """
                id: %s
                name: 居民登记（测试）
                department: test
                kind: file
                file: {directory: '%s', include: '.*\\.csv'}
                format: csv
                encoding: auto
                recordKey: '{idNumber}'
                fields:
                  householdNumber: {from: 户号, normalise: code, required: true}
                  name:            {from: 姓名, normalise: name, required: true}
                  gender:          {from: 性别, normalise: gender}
                  ethnicity:       {from: 民族, normalise: text}
                  birthDate:       {from: 出生日期, normalise: date}
                  idNumber:        {from: 公民身份号码, normalise: idNumber, required: true}
                  plate:           {from: 号牌号码, normalise: plate}
                entities:
                  person:
                    type: Person
                    primary: true
                    mode: authoritative
                    properties: {idNumber: idNumber, name: name, gender: gender, birthDate: birthDate, ethnicity: ethnicity}
                  household: {type: Household, mode: authoritative, properties: {householdNumber: householdNumber}}
                  vehicle: {type: Vehicle, properties: {plate: plate}}
                relationships:
                  - {type: MEMBER_OF, from: person, to: household}
                  - {type: OWNS, from: person, to: vehicle}
                """.formatted(SOURCE, drop);
    }
}
