package org.jiedao.hub.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The code lists (codelists.ttl): well-formed, unambiguous, used, and holding the codes of their standards. */
class CodeListsTest {
    private static final Pattern UPPER_CAMEL = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    private final Ontology ontology = Ontology.bundled();

    @Test
    void everyCodeListIsNonEmptyWithUniqueNotationsEnumNamesAndLabels() {
        assertThat(ontology.codeLists()).hasSizeGreaterThanOrEqualTo(9);
        List<String> wrong = new ArrayList<>();
        for (CodeList list : ontology.codeLists().values()) {
            String n = list.enumName();
            if (!UPPER_CAMEL.matcher(n).matches()) {
                wrong.add(n + ": enum name is not UpperCamel");
            }
            if (list.codes().isEmpty()) {
                wrong.add(n + ": no codes");
            }
            for (var field : List.<java.util.function.Function<CodeList.Code, String>>of(CodeList.Code::notation,
                    CodeList.Code::enumName, CodeList.Code::labelZh, c -> c.labelEn().toLowerCase(Locale.ROOT))) {
                List<String> values = list.codes().stream().map(field).toList();
                if (new HashSet<>(values).size() != values.size()) {
                    wrong.add(n + ": repeated value among " + values);
                }
            }
            for (CodeList.Code c : list.codes()) {
                if (!UPPER_SNAKE.matcher(c.enumName()).matches()) {
                    wrong.add(n + "." + c.enumName() + ": not UPPER_SNAKE");
                }
                if (c.notation().isBlank() || !c.notation().equals(c.notation().strip())) {
                    wrong.add(n + "." + c.enumName() + ": blank or padded notation");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noNameOfACodeResolvesToAnotherCode() {
        // loaders store a value written as notation, enum name or label as that code's notation (CodeList.resolve):
        // every such name must name one code only
        List<String> ambiguous = new ArrayList<>();
        for (CodeList list : ontology.codeLists().values()) {
            Map<String, String> owner = new HashMap<>();
            for (CodeList.Code c : list.codes()) {
                for (String name : new HashSet<>(List.of(c.notation(), c.enumName().toLowerCase(Locale.ROOT), c.labelZh(),
                        c.labelEn().toLowerCase(Locale.ROOT)))) {
                    String before = owner.putIfAbsent(name, c.notation());
                    if (before != null && !before.equals(c.notation())) {
                        ambiguous.add(list.enumName() + ": '" + name + "' names " + before + " and " + c.notation());
                    }
                }
            }
            for (CodeList.Code c : list.codes()) {
                assertThat(named(list, c.labelZh())).as(list.enumName() + " " + c.labelZh()).contains(c);
            }
        }
        assertThat(ambiguous).isEmpty();
    }

    @Test
    void everyCodeListIsUsedAndNationalOnesNameTheirStandard() {
        Set<String> used = ontology.nodeTypes().stream().flatMap(t -> t.properties().stream())
                .map(PropertyDef::codeList).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        ontology.relationshipTypes().forEach(r -> r.properties().stream().map(PropertyDef::codeList)
                .filter(java.util.Objects::nonNull).forEach(used::add));
        assertThat(used).containsExactlyInAnyOrderElementsOf(ontology.codeLists().keySet());
        Map<String, String> standards = Map.of("Gender", "GB/T 2261.1-2003", "FamilyRelation", "GB/T 4761-2008",
                "Ethnicity", "GB/T 3304-1991", "DisabilityCategory", "GB/T 26341-2010", "DisabilityLevel", "GB/T 26341-2010");
        standards.forEach((name, source) -> assertThat(list(name).source()).as(name).isEqualTo(source));
    }

    @Test
    void enumTypeNamesDoNotCollideWithNodeTypes() {
        Set<String> types = new HashSet<>(List.of("Query", "SourceRef", "String", "Int", "Float", "Boolean", "ID"));
        ontology.nodeTypes().forEach(t -> types.add(t.label()));
        for (CodeList list : ontology.codeLists().values()) {
            assertThat(types.add(list.enumName())).as(list.enumName()).isTrue();
        }
    }

    @Test
    void familyRelationsAreExactlyTheLoadersCodes() {
        // the codes and enum constants of loaders' FamilyRelation (the loaders produce these notations); the ontology
        // module cannot depend on the loaders, so they are repeated here and must be changed together
        Map<String, String> loaders = new LinkedHashMap<>();
        String[][] codes = {{"02", "HEAD", "户主"}, {"10", "SPOUSE", "配偶"}, {"20", "SON", "子"}, {"28", "SON_IN_LAW", "女婿"},
                {"30", "DAUGHTER", "女"}, {"38", "DAUGHTER_IN_LAW", "儿媳"}, {"41", "GRANDSON", "孙子"},
                {"42", "GRANDDAUGHTER", "孙女"}, {"43", "DAUGHTERS_SON", "外孙子"}, {"44", "DAUGHTERS_DAUGHTER", "外孙女"},
                {"51", "FATHER", "父亲"}, {"52", "MOTHER", "母亲"}, {"53", "FATHER_OF_HUSBAND", "公公"},
                {"54", "MOTHER_OF_HUSBAND", "婆婆"}, {"55", "FATHER_OF_WIFE", "岳父"}, {"56", "MOTHER_OF_WIFE", "岳母"},
                {"61", "GRANDFATHER", "祖父"}, {"62", "GRANDMOTHER", "祖母"}, {"63", "MATERNAL_GRANDFATHER", "外祖父"},
                {"64", "MATERNAL_GRANDMOTHER", "外祖母"}, {"70", "SIBLING", "兄弟姐妹"}, {"71", "ELDER_BROTHER", "兄"},
                {"72", "ELDER_BROTHERS_WIFE", "嫂"}, {"73", "YOUNGER_BROTHER", "弟"}, {"74", "YOUNGER_BROTHERS_WIFE", "弟媳"},
                {"75", "ELDER_SISTER", "姐姐"}, {"76", "ELDER_SISTERS_HUSBAND", "姐夫"}, {"77", "YOUNGER_SISTER", "妹妹"},
                {"78", "YOUNGER_SISTERS_HUSBAND", "妹夫"}, {"80", "OTHER", "其他"}, {"93", "NEPHEW", "侄子"},
                {"94", "NIECE", "侄女"}, {"95", "SISTERS_SON", "外甥"}, {"96", "SISTERS_DAUGHTER", "外甥女"},
                {"97", "OTHER_RELATIVE", "其他亲属"}, {"99", "NOT_RELATED", "非亲属"}};
        for (String[] c : codes) {
            loaders.put(c[0], c[1] + " " + c[2]);
        }
        Map<String, String> ours = new LinkedHashMap<>();
        list("FamilyRelation").codes().forEach(c -> ours.put(c.notation(), c.enumName() + " " + c.labelZh()));
        assertThat(ours).containsExactlyInAnyOrderEntriesOf(loaders);
        assertThat(ontology.relationshipType("MEMBER_OF").property("relationToHead")).get()
                .extracting(PropertyDef::codeList).isEqualTo(list("FamilyRelation").iri());
    }

    @Test
    void ethnicGroupsAreTheFiftySixOfGbT3304() {
        CodeList e = list("Ethnicity");
        List<String> expected = new ArrayList<>(IntStream.rangeClosed(1, 56).mapToObj(i -> "%02d".formatted(i)).toList());
        expected.addAll(List.of("97", "98"));
        assertThat(e.codes()).extracting(CodeList.Code::notation).containsExactlyElementsOf(expected);
        assertThat(named(e, "汉族")).get().extracting(CodeList.Code::notation).isEqualTo("01");
        assertThat(named(e, "回族")).get().extracting(CodeList.Code::notation).isEqualTo("03");
        assertThat(named(e, "维吾尔族")).get().extracting(CodeList.Code::notation).isEqualTo("05");
        assertThat(named(e, "满族")).get().extracting(CodeList.Code::notation).isEqualTo("11");
        assertThat(named(e, "蒙古族")).get().extracting(CodeList.Code::notation).isEqualTo("02");
        assertThat(e.codes()).allMatch(c -> c.labelZh().endsWith("族") || List.of("97", "98").contains(c.notation()));
        assertThat(ontology.nodeType("Person").property("ethnicity")).get().extracting(PropertyDef::codeList).isEqualTo(e.iri());
    }

    @Test
    void disabilityCategoriesAndLevelsFollowGbT26341() {
        assertThat(list("DisabilityCategory").codes()).extracting(CodeList.Code::labelZh)
                .containsExactly("视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "精神残疾", "多重残疾");
        assertThat(list("DisabilityCategory").codes()).extracting(CodeList.Code::notation)
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(list("DisabilityLevel").codes()).extracting(CodeList.Code::labelZh).containsExactly("一级", "二级", "三级", "四级");
    }

    @Test
    void caseStatusesCoverWhatTheHotlineWrites() {
        CodeList status = list("CaseStatus");
        for (String written : List.of("已受理", "办理中", "已办结")) {
            assertThat(named(status, written)).as(written).isPresent();
        }
        assertThat(ontology.nodeType("Case").property("status")).get().extracting(PropertyDef::codeList).isEqualTo(status.iri());
        assertThat(ontology.nodeType("CaseStatusChange").property("status")).get().extracting(PropertyDef::codeList).isEqualTo(status.iri());
        assertThat(list("SensorKind").codes()).extracting(CodeList.Code::enumName).contains("PARKING", "CROWD");
        assertThat(list("SourceKind").codes()).extracting(CodeList.Code::notation).contains("file", "jdbc");
    }

    /** The code a value names, as the loaders read it: its notation, enum name or a preferred label. */
    private static java.util.Optional<CodeList.Code> named(CodeList list, String value) {
        return list.codes().stream().filter(c -> c.notation().equals(value) || c.enumName().equalsIgnoreCase(value)
                || c.labelZh().equals(value) || c.labelEn().equalsIgnoreCase(value)).findFirst();
    }

    private CodeList list(String enumName) {
        return ontology.codeLists().values().stream().filter(c -> c.enumName().equals(enumName)).findFirst().orElseThrow();
    }
}
