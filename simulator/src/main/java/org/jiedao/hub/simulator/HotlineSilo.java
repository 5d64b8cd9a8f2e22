package org.jiedao.hub.simulator;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jiedao.hub.simulator.Population.Person;

/**
 * The 12345 citizen-service hotline silo: one UTF-8 JSON array of cases per year (2025, 2026).
 */
final class HotlineSilo {

    static final String SOURCE = "hotline12345";
    static final int FIRST_YEAR = 2025;
    static final int LAST_YEAR = 2026;
    static final double CALLER_SHARE = 0.15;
    static final double BROKEN_RATE = 0.01;
    /** Share of calls whose caller gives a name and phone but no ID number (resolved by entity resolution). */
    static final double WITHOUT_ID_RATE = 0.04;
    static final double FULL_WIDTH_RATE = 0.05;

    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final List<String> PHONE_PREFIXES = List.of("133", "135", "136", "137", "138", "139", "150", "151",
            "152", "155", "158", "159", "176", "177", "180", "185", "186", "187", "188", "189", "198", "199");

    private static final List<String> CATEGORIES = List.of("噪音扰民", "停车管理", "环境卫生", "物业服务", "道路设施", "供暖");
    /** Sentence templates per category; {street} is the caller's street or hutong. */
    private static final Map<String, List<String>> TEMPLATES = Map.of(
            "噪音扰民", List.of("{street}一带夜间施工噪音很大，影响居民休息，请尽快处理。",
                    "楼上住户装修经常到晚上十点以后，噪音扰民，希望协调。",
                    "{street}附近商户深夜播放音乐，声音过大，请相关部门管理。",
                    "小区里广场舞音响声音过大，影响老人和孩子休息。"),
            "停车管理", List.of("{street}胡同内车辆乱停乱放，堵塞消防通道，请加强管理。",
                    "小区停车位紧张，外来车辆长期占用居民车位。",
                    "{street}路边有僵尸车长期停放无人处理，请协助清理。",
                    "门口共享单车堆放占道，影响居民出行。"),
            "环境卫生", List.of("{street}垃圾桶满溢未及时清运，气味难闻。",
                    "胡同里有人乱倒建筑垃圾，影响环境卫生，请尽快清理。",
                    "楼道内堆放杂物，存在安全隐患，请协调清理。",
                    "{street}公共厕所卫生状况较差，请加强保洁。"),
            "物业服务", List.of("电梯维修不及时，老人上下楼困难，请督促物业处理。",
                    "小区门禁损坏多日无人维修，请督促物业公司。",
                    "物业收费不透明，希望街道协调公示收费明细。",
                    "楼内公共照明损坏，物业迟迟不修。"),
            "道路设施", List.of("{street}路面井盖松动，行人车辆经过有安全隐患。",
                    "{street}路灯不亮已有一周，夜间出行不便。",
                    "人行道砖块破损，雨天积水严重，请尽快修复。",
                    "{street}路口路面坑洼不平，请尽快修补。"),
            "供暖", List.of("家中暖气温度不达标，室温不到十八度。",
                    "暖气管道漏水，请供热单位尽快维修。",
                    "供暖开始后暖气一直不热，多次联系供热公司无果。",
                    "楼内部分住户暖气不热，请协调供热公司排查。"));

    static final class Case {
        String caseNo;
        final Person caller;
        final LocalDateTime receivedAt;
        final String category;
        final String status;
        final String description;

        Case(Person caller, LocalDateTime receivedAt, String category, String status, String description) {
            this.caller = caller;
            this.receivedAt = receivedAt;
            this.category = category;
            this.status = status;
            this.description = description;
        }
    }

    private final Rng rng;
    private final LocalDate ref;
    private final LocalDate from = LocalDate.of(FIRST_YEAR, 1, 1);
    private final LocalDate until;
    private final Set<String> phones = new HashSet<>();
    final List<Case> cases = new ArrayList<>();

    HotlineSilo(Rng rng, LocalDate ref) {
        this.rng = rng;
        this.ref = ref;
        LocalDate end = LocalDate.of(LAST_YEAR + 1, 1, 1);
        this.until = ref.isBefore(end) ? ref : end;
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("reference date must be after " + from + " for hotline cases");
        }
    }

    /** About 15% of the persons (all adults) filed 1-3 cases between 2025-01-01 and the reference date. */
    void assign(Population pop) {
        List<Person> adults = pop.persons.stream().filter(p -> p.ageOn(ref) >= 18).toList();
        int callers = Math.min(adults.size(), (int) Math.round(CALLER_SHARE * pop.persons.size()));
        List<Person> chosen = new ArrayList<>(rng.shuffled(adults).subList(0, callers));
        // file cases in population order so that the draws do not depend on the shuffle beyond selection
        Set<Person> selected = new HashSet<>(chosen);
        for (Person p : pop.persons) {
            if (selected.contains(p)) {
                int n = 1 + rng.weighted(65, 25, 10);
                for (int i = 0; i < n; i++) {
                    add(p);
                }
            }
        }
    }

    /** Files one case for the caller. */
    void add(Person caller) {
        if (caller.phone == null) {
            String phone;
            do {
                phone = rng.pick(PHONE_PREFIXES) + String.format("%08d", rng.nextInt(100_000_000));
            } while (!phones.add(phone));
            caller.phone = phone;
        }
        LocalDate day = rng.date(from, until);
        LocalDateTime at = day.atTime(7 + rng.weighted(3, 8, 10, 9, 6, 7, 8, 8, 7, 6, 5, 4, 4, 3, 2, 1), rng.nextInt(60),
                rng.nextInt(60));
        int month = day.getMonthValue();
        boolean heating = month >= 11 || month <= 3;
        String category = CATEGORIES.get(rng.weighted(20, 20, 18, 17, 12, heating ? 25 : 0));
        long age = ChronoUnit.DAYS.between(day, ref);
        String status;
        if (age > 30) {
            status = rng.chance(0.95) ? "已办结" : "办理中";
        } else if (age >= 7) {
            status = List.of("已办结", "办理中", "已受理").get(rng.weighted(60, 35, 5));
        } else {
            status = List.of("已受理", "办理中", "已办结").get(rng.weighted(50, 35, 15));
        }
        String description = rng.pick(TEMPLATES.get(category)).replace("{street}", caller.household.street);
        cases.add(new Case(caller, at, category, status, description));
    }

    /** Case numbers 12345-yyyyMMdd-NNNNN: a per-day counter of the whole city's hotline, so with gaps. */
    void number() {
        cases.sort(Comparator.comparing((Case c) -> c.receivedAt).thenComparing(c -> c.caller.id)
                .thenComparing(c -> c.category));
        LocalDate day = null;
        int counter = 0;
        for (Case c : cases) {
            if (!c.receivedAt.toLocalDate().equals(day)) {
                day = c.receivedAt.toLocalDate();
                counter = 0;
            }
            counter += rng.between(1, 120);
            c.caseNo = "12345-" + day.format(DAY) + "-" + String.format("%05d", counter);
        }
    }

    /** Writes cases_2025.json and cases_2026.json; returns the number of cases a loader must quarantine. */
    int write(Path dir, Population pop, String examplePerson, Rng dirt, GroundTruth truth) throws IOException {
        Set<Integer> excluded = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).caller.id.equals(examplePerson)) {
                excluded.add(i);
            }
        }
        Set<Integer> broken = Dirt.sample(cases.size(), BROKEN_RATE, excluded, dirt);
        Set<Integer> withoutId = new HashSet<>(excluded);
        withoutId.addAll(broken);
        withoutId = Dirt.sample(cases.size(), WITHOUT_ID_RATE, withoutId, dirt);
        Map<Integer, List<Map<String, Object>>> byYear = new LinkedHashMap<>();
        for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
            byYear.put(y, new ArrayList<>());
        }
        int quarantined = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Person p = c.caller;
            Map<String, Object> caller = new LinkedHashMap<>();
            caller.put("name", p.name);
            int kind = broken.contains(i) ? dirt.nextInt(3) : withoutId.contains(i) ? 0 : -1;
            if (kind == 0) {
                // the caller gave no ID number: the case is written, and entity resolution finds the caller by name
                // and phone (the ground truth's reason says so, for the end-to-end check)
                truth.written(SOURCE, c.caseNo, p.id, GroundTruth.RESOLVED_WITHOUT_ID);
            } else if (kind > 0) {
                quarantined++;
                switch (kind) {
                    case 1 -> {
                        caller.put("idNumber", Dirt.wrongCheck(p.id, dirt));
                        truth.quarantined(SOURCE, c.caseNo, p.id,
                                "caller.idNumber check character does not match (GB 11643-1999)");
                    }
                    default -> {
                        caller.put("idNumber", p.id.substring(0, 17));
                        truth.quarantined(SOURCE, c.caseNo, p.id, "caller.idNumber has 17 characters");
                    }
                }
            } else {
                String id = dirt.chance(0.3) ? Dirt.lowerX(p.id) : p.id;
                caller.put("idNumber", dirt.chance(FULL_WIDTH_RATE) ? Dirt.fullWidth(id) : id);
                truth.written(SOURCE, c.caseNo, p.id);
            }
            caller.put("phone", p.phone);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("caseNo", c.caseNo);
            o.put("receivedAt", c.receivedAt.format(RECEIVED));
            o.put("category", c.category);
            o.put("status", c.status);
            o.put("caller", caller);
            o.put("address", address(pop, p, dirt));
            o.put("description", c.description);
            byYear.get(c.receivedAt.getYear()).add(o);
        }
        Files.createDirectories(dir);
        ObjectWriter w = writer();
        for (Map.Entry<Integer, List<Map<String, Object>>> e : byYear.entrySet()) {
            byte[] json = w.writeValueAsBytes(e.getValue());
            byte[] withNewline = new byte[json.length + 1];
            System.arraycopy(json, 0, withNewline, 0, json.length);
            withNewline[json.length] = '\n';
            Files.write(dir.resolve(fileName(e.getKey())), withNewline);
        }
        return quarantined;
    }

    static String fileName(int year) {
        return "cases_" + year + ".json";
    }

    /**
     * The caller's home address as an operator types it: the administrative prefixes partly or wholly left
     * out, the final 室 sometimes dropped, digits sometimes full-width. Stripping the prefixes, NFKC and removing
     * a final 室 makes it equal to the registry's 住址.
     */
    private static String address(Population pop, Person p, Rng rng) {
        String local = p.household.localAddress;
        if (local.endsWith("室") && rng.chance(0.4)) {
            local = local.substring(0, local.length() - 1);
        }
        String s = switch (rng.weighted(35, 20, 15, 15, 15)) {
            case 0 -> pop.districtName + local;
            case 1 -> pop.provinceName + pop.districtName + local;
            case 2 -> local;
            case 3 -> pop.districtName + Dirt.fullWidth(local);
            default -> pop.subdistrictName + local;
        };
        return s;
    }

    private static ObjectWriter writer() {
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(lf);
        printer.indentArraysWith(lf);
        return new ObjectMapper().writer(printer);
    }
}
