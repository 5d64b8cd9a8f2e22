package org.jiedao.hub.app;

/** Stops the hub cleanly on Ctrl-C or SIGTERM, the embedded Neo4j process included. */
final class Lifecycle {
    private Lifecycle() {
    }

    static void closeOnShutdown(Hub hub) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping: API, routes, Neo4j ...");
            hub.close();
            System.out.println("stopped.");
        }, "hub-shutdown"));
    }
}
