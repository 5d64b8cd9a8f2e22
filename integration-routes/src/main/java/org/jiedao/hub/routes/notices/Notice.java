package org.jiedao.hub.routes.notices;

import java.time.Instant;

/**
 * One notice of a proactive service to one resident, as the outbox keeps it (a {@code ServiceNotice} node).
 *
 * @param id        the notice's id (a random UUID given once, when the notice is created): the idempotency key sent
 *                  with every attempt, so a receiver recognises a retry after a crash
 * @param service   the service code
 * @param idNumber  the resident's ID number
 * @param name      the resident's name, or null
 * @param phone     the resident's phone (E.164), or null
 * @param text      the rendered notice text
 * @param status    {@code PENDING}, {@code SENT}, {@code SKIPPED} (the resident opted out before it was sent) or {@code FAILED}
 * @param attempts  failed attempts so far
 * @param createdAt when it was created
 */
public record Notice(String id, String service, String idNumber, String name, String phone, String text, String status,
                     long attempts, Instant createdAt) {
}
