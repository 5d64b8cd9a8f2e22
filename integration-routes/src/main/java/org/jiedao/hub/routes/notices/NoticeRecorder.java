package org.jiedao.hub.routes.notices;

/**
 * Told of each notice a channel accepted, before it is marked sent: the application records it in the audit trail
 * (docs/security/audit.md, kind {@code notice}). If recording fails, the notice stays pending and is sent again under
 * the same id.
 */
public interface NoticeRecorder {
    /** Records nothing. */
    NoticeRecorder NONE = (n, c) -> { };

    /**
     * @param notice  the notice sent
     * @param channel the channel's description
     */
    void record(Notice notice, String channel);
}
