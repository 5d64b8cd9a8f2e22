package org.jiedao.hub.routes.exchange;

/**
 * Everything a channel sends for one delivery: the payload, its detached signature and its manifest.
 *
 * @param deliveryId  the delivery id (UUID)
 * @param agreementId the agreement
 * @param fileName    the payload's file name, {@code <agreement>-<deliveryId>.<json|csv>}
 * @param contentType the payload's MIME type
 * @param payload     the payload bytes, as archived
 * @param sha256      SHA-256 of the payload, lower-case hex
 * @param jws         detached compact JWS over the payload ({@link SigningKey})
 * @param manifest    the manifest JSON (UTF-8): delivery id, agreement, partner, entity, fields, file name, content
 *                    type, hash, record count, creation time, key id; never entity keys or values
 */
public record DeliveryPackage(String deliveryId, String agreementId, String fileName, String contentType,
                              byte[] payload, String sha256, String jws, byte[] manifest) {
}
