package org.jiedao.hub.routes.notices;

/** Where notices go: a file drop, an HTTP endpoint or an SMS gateway. */
public interface NoticeChannel {
    /**
     * Hands one notice to the channel. Returning normally means the channel has accepted it (the file is in place, the
     * endpoint answered 2xx); only then is the notice marked sent.
     *
     * @param notice the notice; its {@link Notice#id()} is the idempotency key
     * @throws Exception if the channel did not accept it (the outbox retries later under the same id)
     */
    void send(Notice notice) throws Exception;

    /** @return a short description for logs and the audit trail, e.g. {@code http://127.0.0.1:9000/notices} */
    String describe();
}
