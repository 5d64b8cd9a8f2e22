package org.jiedao.hub.routes.notices;

/**
 * A notice to create: one per resident and service, with its text already rendered.
 *
 * @param service  the service code
 * @param idNumber the resident's canonical ID number
 * @param name     the resident's name, or null
 * @param phone    the resident's phone, or null
 * @param text     the rendered text
 */
public record NoticeRequest(String service, String idNumber, String name, String phone, String text) {
}
