package org.jiedao.hub.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.jiedao.hub.graph.testing.TestNeo4j;
import picocli.CommandLine;

/**
 * {@code hub analytics ...} in a test: runs the command against the test Neo4j with a data directory of its own and
 * keeps what it printed on stdout and stderr.
 */
final class AnalyticsCli {
    private final Path dataDir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** @param dataDir the hub data directory the command is given */
    AnalyticsCli(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * @param args the arguments after {@code analytics}, e.g. {@code parking --from ...}
     * @return the exit code
     */
    int run(String... args) {
        out.reset();
        err.reset();
        Map<String, String> env = Map.of("NEO4J_URI", TestNeo4j.boltUri().toString(), "HUB_DATA_DIR", dataDir.toString());
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == AnalyticsCommand.Common.class) {
                    AnalyticsCommand.Common c = new AnalyticsCommand.Common();
                    c.env = env;
                    c.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
                    c.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
                    return cls.cast(c);
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        return new CommandLine(AnalyticsCommand.class, factory).execute(args);
    }

    /** @return what the last run printed on stdout */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return what the last run printed on stderr */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
