package org.jiedao.hub.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;

/** {@code hub serve}: runs the routes and the API on the configured sources until stopped (Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the ingestion routes and the GraphQL API until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        HubSettings settings = HubSettings.fromEnvironment(System.getenv());
        var agreements = ExchangeService.declared(settings); // a bad agreement file stops here, before anything starts
        Hub hub = Hub.start(settings);
        Lifecycle.closeOnShutdown(hub);
        ExchangeService.start(agreements, settings, hub.neo4j().driver(), hub.audit(), System.out);
        System.out.println("serving: GraphQL " + hub.apiUrl(settings) + "/graphql");
        hub.adminKeyFile().ifPresent(f -> System.out.println(adminCredentialLine(settings, f)));
        new CountDownLatch(1).await();
        return 0;
    }

    /**
     * @param settings the settings (the data folder, to show the path relative to the working directory when inside it)
     * @param file     the admin key file
     * @return the line that tells where the first-start admin credential is
     */
    static String adminCredentialLine(HubSettings settings, java.nio.file.Path file) {
        return "admin credential: " + shown(file) + " (send it as X-API-Key)";
    }

    /** @return the path relative to the working directory when it lies below it, else absolute */
    static String shown(java.nio.file.Path file) {
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
