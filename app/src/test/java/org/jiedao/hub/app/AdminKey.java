package org.jiedao.hub.app;

import java.nio.file.Files;

/** The first-start admin key of a hub the test started without configured credentials. */
final class AdminKey {
    private AdminKey() {
    }

    /** @return the clear admin key the hub made under its data folder */
    static String of(Hub hub) {
        try {
            return Files.readString(hub.adminKeyFile().orElseThrow(() -> new AssertionError("the hub made no admin credential"))).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
