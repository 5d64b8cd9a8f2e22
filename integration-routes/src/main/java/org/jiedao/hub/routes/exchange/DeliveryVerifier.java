package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.graph.ops.ExchangeLedger;

/**
 * Re-verifies an archived delivery ({@code hub exchange verify <deliveryId>}): the archived payload's SHA-256 must
 * equal the hash recorded in Neo4j and the one in the manifest, and the detached JWS must verify with the hub's key
 * and name the same delivery id and hash.
 */
public final class DeliveryVerifier {
    private DeliveryVerifier() {
    }

    /**
     * @param ledger     the recorded deliveries
     * @param archive    the archive
     * @param key        the hub's signing key
     * @param deliveryId the delivery to check
     * @return the outcome; {@link Verification#ok()} only when every check passed
     */
    public static Verification verify(ExchangeLedger ledger, DeliveryArchive archive, SigningKey key, String deliveryId) {
        Delivery d = ledger.delivery(deliveryId).orElse(null);
        if (d == null) {
            return new Verification(deliveryId, null, List.of("no delivery " + deliveryId + " is recorded"));
        }
        List<String> problems = new ArrayList<>();
        DeliveryPackage p;
        try {
            p = archive.load(d.id(), d.fileName());
        } catch (IOException e) {
            return new Verification(deliveryId, d, List.of("archive unreadable: " + e));
        }
        String actual = DeliveryArchive.sha256(p.payload());
        if (!actual.equals(d.contentSha256())) {
            problems.add("payload SHA-256 is " + actual + ", recorded " + d.contentSha256());
        }
        if (!p.sha256().equals(d.contentSha256())) {
            problems.add("manifest names content " + p.sha256() + ", recorded " + d.contentSha256());
        }
        String bad = key.verify(p.payload(), p.jws(), d.id(), d.contentSha256());
        if (bad != null) {
            problems.add(bad);
        }
        return new Verification(deliveryId, d, List.copyOf(problems));
    }

    /**
     * @param deliveryId the delivery checked
     * @param delivery   its record, or null if there is none
     * @param problems   what failed (empty when all is well)
     */
    public record Verification(String deliveryId, Delivery delivery, List<String> problems) {
        /** @return whether every check passed */
        public boolean ok() {
            return delivery != null && problems.isEmpty();
        }
    }
}
