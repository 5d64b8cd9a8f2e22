package org.jiedao.hub.simulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jiedao.hub.simulator.Population.Household;
import org.jiedao.hub.simulator.Population.Person;

/**
 * The motor-vehicle registry silo: one relational table {@code vehicle_registration}, created with portable SQL
 * (H2, PostgreSQL, MariaDB; on MariaDB the table is created in utf8mb4 so Chinese text fits whatever the database's
 * default character set). Each row carries {@code updated_at}, the time it was last changed, which JDBC sources
 * can follow as their watermark. Plates follow GA 36-2018 for Beijing and are written in the dirty forms seen in practice.
 */
final class VehicleSilo {

    static final String SOURCE = "vehicles";
    static final String TABLE = "vehicle_registration";
    static final long FIRST_RECORD_ID = 20_000_001L;
    static final double BROKEN_RATE = 0.01;

    /** Issuing-authority letters used for Beijing in this simulation. */
    private static final String AUTHORITIES = "ABCEFGHJKLMNPQ";
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"; // GA 36-2018: never I or O
    /** First serial character of small new-energy plates, weighted (D, F most common). */
    private static final String NEW_ENERGY_FIRST = "DDDDDDDDDDDFFFFFAABCEGHJK";
    private static final List<String> BRANDS = List.of("大众", "丰田", "本田", "别克", "奥迪", "宝马", "奔驰", "日产",
            "现代", "吉利", "长安", "哈弗", "福特", "马自达", "雪佛兰", "斯柯达");
    private static final List<String> NEW_ENERGY_BRANDS = List.of("比亚迪", "比亚迪", "特斯拉", "理想", "蔚来", "小鹏",
            "极氪", "问界", "埃安", "小米");

    static final class Vehicle {
        long recordId;
        final Person owner;
        final String plate;
        final boolean newEnergy;
        final String brand;
        final LocalDate registeredOn;
        final LocalDateTime updatedAt;

        Vehicle(Person owner, String plate, boolean newEnergy, String brand, LocalDate registeredOn,
                LocalDateTime updatedAt) {
            this.owner = owner;
            this.plate = plate;
            this.newEnergy = newEnergy;
            this.brand = brand;
            this.registeredOn = registeredOn;
            this.updatedAt = updatedAt;
        }
    }

    private final Rng rng;
    private final LocalDate ref;
    private final Set<String> plates = new HashSet<>();
    final List<Vehicle> vehicles = new ArrayList<>();

    VehicleSilo(Rng rng, LocalDate ref) {
        this.rng = rng;
        this.ref = ref;
    }

    /** About 20% of households own one vehicle, a few two; the owner is an adult member. */
    void assign(Population pop) {
        for (Household h : pop.households) {
            int count = rng.weighted(80, 16, 4);
            List<Person> adults = h.members.stream().filter(p -> p.ageOn(ref) >= 20).toList();
            if (adults.isEmpty()) {
                continue;
            }
            Person first = null;
            for (int i = 0; i < count; i++) {
                Person owner;
                if (i == 0) {
                    owner = rng.chance(0.6) ? h.members.getFirst() : rng.pick(adults);
                    if (!adults.contains(owner)) {
                        owner = rng.pick(adults);
                    }
                    first = owner;
                } else {
                    owner = rng.chance(0.5) ? first : rng.pick(adults);
                }
                add(owner);
            }
        }
    }

    /** Registers one vehicle for the owner. */
    void add(Person owner) {
        boolean newEnergy = rng.chance(0.25);
        String plate;
        do {
            plate = "京" + rng.pick(AUTHORITIES) + (newEnergy ? newEnergySerial() : ordinarySerial());
        } while (!plates.add(plate));
        LocalDate adult = owner.birthDate.plusYears(18);
        LocalDate earliest = newEnergy ? LocalDate.of(2016, 1, 1) : LocalDate.of(2003, 1, 1);
        if (adult.isAfter(earliest)) {
            earliest = adult;
        }
        if (!earliest.isBefore(ref.minusDays(30))) {
            earliest = ref.minusDays(30);
        }
        LocalDate registered = rng.date(earliest, ref);
        LocalDateTime updated;
        if (rng.chance(0.3)) {
            updated = registered.atTime(rng.between(8, 17), rng.nextInt(60), rng.nextInt(60));
        } else {
            updated = rng.date(registered, ref).atTime(rng.chance(0.9) ? rng.between(8, 18) : rng.nextInt(24),
                    rng.nextInt(60), rng.nextInt(60));
        }
        String brand = rng.pick(newEnergy ? NEW_ENERGY_BRANDS : BRANDS);
        vehicles.add(new Vehicle(owner, plate, newEnergy, brand, registered, updated));
    }

    /** Record ids follow registration order, as in a registry that numbers records as they arrive. */
    void number() {
        vehicles.sort(Comparator.comparing((Vehicle v) -> v.registeredOn).thenComparing(v -> v.plate));
        for (int i = 0; i < vehicles.size(); i++) {
            vehicles.get(i).recordId = FIRST_RECORD_ID + i;
        }
    }

    private String ordinarySerial() {
        char[] s = new char[5];
        for (int i = 0; i < 5; i++) {
            s[i] = (char) ('0' + rng.nextInt(10));
        }
        switch (rng.weighted(35, 20, 15, 20, 10)) {
            case 0 -> { } // 12345
            case 1 -> s[0] = rng.pick(LETTERS); // A1234
            case 2 -> { // AB123
                s[0] = rng.pick(LETTERS);
                s[1] = rng.pick(LETTERS);
            }
            case 3 -> s[1 + rng.nextInt(4)] = rng.pick(LETTERS); // 1A234 .. 1234A
            default -> { // A123B or 123AB
                s[rng.chance(0.5) ? 0 : 3] = rng.pick(LETTERS);
                s[4] = rng.pick(LETTERS);
            }
        }
        return new String(s);
    }

    private String newEnergySerial() {
        StringBuilder b = new StringBuilder(6);
        b.append(rng.pick(NEW_ENERGY_FIRST));
        b.append(rng.chance(0.2) ? rng.pick(LETTERS) : (char) ('0' + rng.nextInt(10)));
        for (int i = 0; i < 4; i++) {
            b.append((char) ('0' + rng.nextInt(10)));
        }
        return b.toString();
    }

    /** Drops and creates the table, inserts every record; returns the number a loader must quarantine. */
    int write(String url, String user, String password, String examplePerson, Rng dirt, GroundTruth truth)
            throws SQLException {
        Set<Integer> excluded = new HashSet<>();
        for (int i = 0; i < vehicles.size(); i++) {
            if (vehicles.get(i).owner.id.equals(examplePerson)) {
                excluded.add(i);
            }
        }
        Set<Integer> broken = Dirt.sample(vehicles.size(), BROKEN_RATE, excluded, dirt);
        int quarantined = 0;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE IF EXISTS " + TABLE);
                s.executeUpdate("CREATE TABLE " + TABLE + " ("
                        + "record_id BIGINT PRIMARY KEY, "
                        + "plate_no VARCHAR(20) NOT NULL, "
                        + "owner_id_number VARCHAR(18) NOT NULL, "
                        + "owner_name VARCHAR(40), "
                        + "vehicle_type VARCHAR(20), "
                        + "brand VARCHAR(40), "
                        + "registered_on DATE, "
                        + "updated_at TIMESTAMP NOT NULL)" + (mariaDb(url) ? " CHARACTER SET utf8mb4" : ""));
                s.executeUpdate("CREATE INDEX " + TABLE + "_updated_at ON " + TABLE + " (updated_at)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (record_id, plate_no,"
                    + " owner_id_number, owner_name, vehicle_type, brand, registered_on, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < vehicles.size(); i++) {
                    Vehicle v = vehicles.get(i);
                    String plate = v.plate;
                    String ownerId = dirt.chance(0.5) ? Dirt.lowerX(v.owner.id) : v.owner.id;
                    String key = Long.toString(v.recordId);
                    if (broken.contains(i)) {
                        quarantined++;
                        if (dirt.chance(0.5)) {
                            int pos = 2 + dirt.nextInt(plate.length() - 2);
                            plate = plate.substring(0, pos) + 'O' + plate.substring(pos + 1);
                            truth.quarantined(SOURCE, key, v.owner.id, "plate_no contains the letter O (GA 36-2018)");
                        } else {
                            ownerId = Dirt.wrongCheck(v.owner.id, dirt);
                            truth.quarantined(SOURCE, key, v.owner.id,
                                    "owner_id_number check character does not match (GB 11643-1999)");
                        }
                    } else {
                        truth.written(SOURCE, key, v.owner.id);
                    }
                    ps.setLong(1, v.recordId);
                    ps.setString(2, render(plate, dirt));
                    ps.setString(3, ownerId);
                    ps.setString(4, v.owner.name);
                    ps.setString(5, v.newEnergy ? "新能源小型汽车" : "小型汽车");
                    ps.setString(6, v.brand);
                    ps.setObject(7, v.registeredOn);
                    ps.setObject(8, v.updatedAt);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return quarantined;
    }

    private static boolean mariaDb(String url) {
        return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
    }

    /** 京A·12345 (~40%), 京A 12345, 京A12345, a few lower-case 京a12345. */
    private static String render(String plate, Rng rng) {
        String head = plate.substring(0, 2);
        String serial = plate.substring(2);
        return switch (rng.weighted(40, 18, 39, 3)) {
            case 0 -> head + "·" + serial;
            case 1 -> head + " " + serial;
            case 2 -> plate;
            default -> plate.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
