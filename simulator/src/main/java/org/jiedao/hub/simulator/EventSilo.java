package org.jiedao.hub.simulator;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Seeded, deterministic JSON records of the departments that publish rather than export: the education section's
 * kindergarten directory (served as a paged REST API by {@link RestSiloServer}), parking-sensor events (published
 * over MQTT by {@link MqttEventPublisher}) and patrol members' position reports (published to RabbitMQ by
 * {@link AmqpEventPublisher}). Field names match {@code config/examples/*.yaml}. Events carry an {@code eventId};
 * codes follow the ontology's code lists ({@code SensorKind}: {@code parking}; {@code ParkingEvent}: {@code entry},
 * {@code exit}, {@code occupied}, {@code vacated}); positions are WGS 84 decimal degrees inside Xicheng district;
 * times are local times of Asia/Shanghai without offset, as the devices send them.
 */
public final class EventSilo {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ROADS = List.of("府右街", "西长安街", "南长街", "北长街", "灵境胡同", "西单北大街",
            "太仆寺街", "东绒线胡同", "西绒线胡同", "六部口街", "新文化街", "佟麟阁路");
    private static final List<String> KINDERGARTEN_NAMES = List.of("春苗", "小太阳", "红星", "育英", "金色童年", "启明星",
            "彩虹", "蓝天", "向日葵", "童心", "七色花", "小白鸽");
    private static final List<String> PARKING_EVENTS = List.of("entry", "exit", "occupied", "vacated");
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private final long seed;
    private final LocalDateTime start;

    /**
     * @param seed  the seed; the same seed gives the same records
     * @param start the time of the first event (local time, Asia/Shanghai)
     */
    public EventSilo(long seed, LocalDateTime start) {
        this.seed = seed;
        this.start = start;
    }

    /** @return a silo with {@link SiloGenerator#DEFAULT_SEED}, events from 2026-11-01 08:00 */
    public static EventSilo withDefaults() {
        return new EventSilo(SiloGenerator.DEFAULT_SEED, SiloGenerator.DEFAULT_REFERENCE_DATE.atTime(8, 0));
    }

    /**
     * @param count number of kindergartens
     * @return kindergartens {@code {code, name, capacity, ages: {minMonths, maxMonths}, address}}, codes
     *         {@code KG110102001} upwards, in code order
     */
    public List<ObjectNode> kindergartens(int count) {
        Rng rng = Rng.derive(seed, "kindergartens");
        List<ObjectNode> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ObjectNode k = JSON.createObjectNode();
            k.put("code", "KG110102%03d".formatted(i));
            k.put("name", "西城区" + rng.pick(KINDERGARTEN_NAMES) + "幼儿园" + (i > KINDERGARTEN_NAMES.size() ? "第" + i + "分园" : ""));
            k.put("capacity", 60 + 30 * rng.nextInt(10));
            ObjectNode ages = k.putObject("ages");
            ages.put("minMonths", rng.chance(0.3) ? 24 : 36);
            ages.put("maxMonths", 72);
            k.put("address", "北京市西城区" + rng.pick(ROADS) + (1 + rng.nextInt(120)) + "号");
            out.add(k);
        }
        return out;
    }

    /**
     * @param count   number of distinct events
     * @param sensors number of sensors ({@code PK-0001} upwards)
     * @return parking events {@code {eventId, device: {id, kind}, observedAt, event, plate?, occupiedSpaces?}}, one
     *         every 7 seconds; {@code plate} for entry and exit, {@code occupiedSpaces} for occupied and vacated
     */
    public List<ObjectNode> parkingEvents(int count, int sensors) {
        Rng rng = Rng.derive(seed, "parking");
        List<ObjectNode> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String device = "PK-%04d".formatted(1 + rng.nextInt(sensors));
            String event = rng.pick(PARKING_EVENTS);
            ObjectNode e = JSON.createObjectNode();
            e.put("eventId", device + "-" + "%06d".formatted(i));
            ObjectNode d = e.putObject("device");
            d.put("id", device);
            d.put("kind", "parking");
            e.put("observedAt", LOCAL.format(start.plusSeconds(7L * i)));
            e.put("event", event);
            if (event.equals("entry") || event.equals("exit")) {
                e.put("plate", "京" + rng.pick("ABCEFGHJKLMNPQ") + serial(rng));
            } else {
                e.put("occupiedSpaces", rng.nextInt(80));
            }
            out.add(e);
        }
        return out;
    }

    /**
     * @param count   number of distinct reports
     * @param members number of patrol members ({@code XC-0001} upwards)
     * @return position reports {@code {eventId, member: {number, name}, reportedAt, position: {lat, lon}}}, one
     *         every 5 seconds, inside 39.89-39.95 N, 116.34-116.40 E
     */
    public List<ObjectNode> patrolPositions(int count, int members) {
        Rng rng = Rng.derive(seed, "patrol");
        NameModel names = NameModel.load();
        List<String> memberNames = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            boolean male = rng.chance(0.5);
            memberNames.add(names.surname(rng) + names.givenName(rng, male));
        }
        List<ObjectNode> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            int m = rng.nextInt(members);
            ObjectNode e = JSON.createObjectNode();
            e.put("eventId", "PP-%07d".formatted(i));
            ObjectNode member = e.putObject("member");
            member.put("number", "XC-%04d".formatted(m + 1));
            member.put("name", memberNames.get(m));
            e.put("reportedAt", LOCAL.format(start.plusSeconds(5L * i)));
            ObjectNode p = e.putObject("position");
            p.put("lat", String.format(java.util.Locale.ROOT, "%.6f", 39.89 + 0.06 * rng.nextDouble()));
            p.put("lon", String.format(java.util.Locale.ROOT, "%.6f", 116.34 + 0.06 * rng.nextDouble()));
            out.add(e);
        }
        return out;
    }

    /**
     * The order in which a publisher sends events, with some sent twice to exercise deduplication: each event is
     * followed by a copy of itself with probability {@code duplicateRate}.
     *
     * @param events        the distinct events
     * @param duplicateRate 0..1
     * @return the events to send, in order; duplicates are the same objects
     */
    public List<ObjectNode> withDuplicates(List<ObjectNode> events, double duplicateRate) {
        Rng rng = Rng.derive(seed, "duplicates");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode e : events) {
            out.add(e);
            if (rng.chance(duplicateRate)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String serial(Rng rng) {
        StringBuilder s = new StringBuilder();
        // ordinary plates (GA 36-2018): at most two letters in the serial, here in its first two places
        for (int i = 0; i < 5; i++) {
            s.append(i < 2 && rng.chance(0.3) ? rng.pick(PLATE_LETTERS) : (char) ('0' + rng.nextInt(10)));
        }
        return s.toString();
    }
}
