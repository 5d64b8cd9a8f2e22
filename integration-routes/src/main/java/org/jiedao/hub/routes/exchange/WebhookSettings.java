package org.jiedao.hub.routes.exchange;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Checks an agreement's {@code webhook} settings when the agreement is read ({@link AgreementDefinitions}): the URL is
 * an absolute {@code https://} URL (RFC 9110 §4.2.2) with a host, without credentials or fragment; the trust file
 * holds at least one PEM certificate ({@link PemTrust}); the timeout is a positive duration.
 */
final class WebhookSettings {
    private WebhookSettings() {
    }

    /**
     * @param w the settings, placeholders resolved and the trust path made absolute; null when missing
     * @throws AgreementDefinitions.Problem naming the field ({@code webhook.url}, {@code webhook.trust},
     *                                      {@code webhook.timeout}) and what is allowed
     */
    static void check(AgreementDefinition.Webhook w) {
        if (w == null || w.url() == null || w.url().isBlank()) {
            throw new AgreementDefinitions.Problem("webhook.url", "is required for channel webhook (the partner's https:// endpoint)");
        }
        URI url;
        try {
            url = new URI(w.url());
        } catch (URISyntaxException e) {
            throw new AgreementDefinitions.Problem("webhook.url", "'" + w.url() + "' is not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new AgreementDefinitions.Problem("webhook.url", "must be an https:// URL (deliveries are sent only over TLS), was " + w.url());
        }
        if (url.getHost() == null) {
            throw new AgreementDefinitions.Problem("webhook.url", "'" + w.url() + "' names no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new AgreementDefinitions.Problem("webhook.url", "must not carry credentials (user:password@)");
        }
        if (url.getRawFragment() != null) {
            throw new AgreementDefinitions.Problem("webhook.url", "must not have a fragment (#...), was " + w.url());
        }
        if (w.trust() == null || w.trust().isBlank()) {
            throw new AgreementDefinitions.Problem("webhook.trust",
                    "is required for channel webhook: a PEM file with the partner's certificate or its CA");
        }
        try {
            PemTrust.read(Path.of(w.trust()));
        } catch (IllegalArgumentException e) {
            throw new AgreementDefinitions.Problem("webhook.trust", e.getMessage());
        }
        if (w.timeout() != null) {
            Duration d;
            try {
                d = AgreementDefinitions.parseDuration(w.timeout());
            } catch (IllegalArgumentException e) {
                throw new AgreementDefinitions.Problem("webhook.timeout", e.getMessage());
            }
            if (d.isZero() || d.isNegative()) {
                throw new AgreementDefinitions.Problem("webhook.timeout", "must be longer than 0, was " + w.timeout());
            }
        }
    }
}
