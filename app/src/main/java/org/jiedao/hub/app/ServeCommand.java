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
        Hub hub = Hub.start(settings);
        Lifecycle.closeOnShutdown(hub);
        System.out.println("serving: GraphQL http://" + settings.httpHost() + ":" + hub.api().port() + "/graphql");
        new CountDownLatch(1).await();
        return 0;
    }
}
