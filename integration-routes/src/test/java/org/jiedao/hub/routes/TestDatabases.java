package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A uniquely named, throw-away database on one of the real servers of this machine (PostgreSQL, MariaDB) or an H2
 * file. A server that cannot be reached skips the test with the reason, except under CI=true, where it fails.
 */
enum TestDatabases {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root"),
    H2("jdbc:h2:file:", "sa");

    private final String server;
    private final String user;

    TestDatabases(String server, String user) {
        this.server = server;
        this.user = user;
    }

    /** A created database: its URL and credentials; {@link #close()} drops it. */
    record Db(TestDatabases kind, String name, String url, String user) implements AutoCloseable {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }

        void execute(String... sql) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                for (String q : sql) {
                    s.execute(q);
                }
            }
        }

        @Override
        public void close() throws SQLException {
            switch (kind) {
                case POSTGRESQL -> kind.admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                case MARIADB -> kind.admin("DROP DATABASE IF EXISTS " + name);
                case H2 -> execute("DROP ALL OBJECTS DELETE FILES");
            }
        }
    }

    /**
     * @param tempDir where an H2 database is put
     * @return a new, empty database
     */
    Db create(Path tempDir) {
        String name = "jiedao_wm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            return switch (this) {
                case POSTGRESQL -> {
                    admin("CREATE DATABASE " + name);
                    yield new Db(this, name, server + name, user);
                }
                case MARIADB -> {
                    admin("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
                    yield new Db(this, name, server + name, user);
                }
                case H2 -> new Db(this, name, server + tempDir.resolve(name), user);
            };
        } catch (SQLException e) {
            String why = this + " not reachable at " + server + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " - under CI=true this is a failure, not a skip");
            }
            Assumptions.abort("SKIPPED LOUDLY: " + why);
            throw new AssertionError(e);
        }
    }

    private void admin(String sql) throws SQLException {
        String adminUrl = this == POSTGRESQL ? server + "postgres" : server;
        try (Connection c = DriverManager.getConnection(adminUrl, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
