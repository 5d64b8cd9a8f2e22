package org.jiedao.hub.app;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.jiedao.hub.simulator.SiloGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub demo}: the whole hub on embedded defaults. Generates the sample silos if absent, starts Neo4j, the
 * routes and the API, shows ingestion progress and a summary, then prints the URLs and an example query for a
 * person found in all three silos, and serves until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Generate sample silos (if absent), ingest them, and serve GraphQL until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--timeout", description = "how long to wait for the initial load, in seconds (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 600;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        HubSettings settings = HubSettings.fromEnvironment(System.getenv());
        if (!Files.exists(settings.silosDir().resolve(SiloGenerator.GROUND_TRUTH_FILE))) {
            System.out.println("Generating sample departmental silos ...");
            Silos.describe(SiloGenerator.withDefaults().generate(settings.silosDir()), System.out);
        } else {
            System.out.println("Using the silos under " + settings.silosDir() + " (delete it to generate anew)");
        }
        System.out.println("Starting Neo4j, routes and API ...");
        Hub hub = Hub.start(settings);
        Lifecycle.closeOnShutdown(hub);
        Progress progress = new Progress(System.out);
        boolean caughtUp = progress.follow(hub.routes(), Duration.ofSeconds(timeoutSeconds));
        progress.summary(hub.routes().stats().values());
        var resolved = hub.resolution().resolvePending();
        System.out.printf("entity resolution: %d records without an ID number: %d linked to a known person, %d for review"
                + " (hub resolve review), %d new persons%n", resolved.pending(), resolved.linked(), resolved.reviews(), resolved.created());
        if (!caughtUp) {
            System.out.println("  (the sources have not all been taken in yet; ingestion goes on in the background)");
        }
        String graphql = hub.apiUrl(settings) + "/graphql";
        System.out.println();
        System.out.printf("serving: (ready %d s after start)%n", java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds());
        System.out.println("  GraphQL        " + graphql);
        System.out.println("  GraphiQL       " + hub.apiUrl(settings) + "/graphiql/   (add the header X-API-Key in its Headers pane)");
        System.out.println("  Explorer       " + hub.apiUrl(settings) + "/explore/   (graph browser; log in with an API key or token)");
        hub.neo4j().server().ifPresent(s -> System.out.println("  Neo4j Browser  " + s.browserUri()
                + "&connectURL=" + s.boltUri() + "   (administrators, loopback only)"));
        System.out.println("  quarantine     ./hub quarantine   (while the demo runs, with NEO4J_URI=" + hub.neo4j().boltUri() + ")");
        hub.adminKeyFile().ifPresent(f -> System.out.println(ServeCommand.adminCredentialLine(settings, f)));
        ExampleQuery.find(hub.neo4j().driver()).ifPresentOrElse(
                id -> {
                    System.out.println();
                    System.out.println("Example: a resident found in the household registry, the vehicle registry and the 12345 hotline:");
                    System.out.println(ExampleQuery.curl(graphql, id, hub.adminKeyFile().map(ServeCommand::shown).orElse(null)));
                },
                () -> System.out.println("(no resident in all three silos yet)"));
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
        new CountDownLatch(1).await();
        return 0;
    }
}
