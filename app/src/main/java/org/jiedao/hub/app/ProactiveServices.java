package org.jiedao.hub.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jiedao.hub.analytics.CommunityScope;
import org.jiedao.hub.analytics.EligibleResident;
import org.jiedao.hub.analytics.NoticeTemplate;
import org.jiedao.hub.analytics.Prefill;
import org.jiedao.hub.analytics.PrefilledField;
import org.jiedao.hub.analytics.PrefilledForm;
import org.jiedao.hub.analytics.PublicServiceDefinition;
import org.jiedao.hub.analytics.ServiceCatalogue;
import org.jiedao.hub.analytics.ServiceEligibility;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.routes.notices.FileNoticeChannel;
import org.jiedao.hub.routes.notices.HttpNoticeChannel;
import org.jiedao.hub.routes.notices.NoticeChannel;
import org.jiedao.hub.routes.notices.NoticeLedger;
import org.jiedao.hub.routes.notices.NoticeOutbox;
import org.jiedao.hub.routes.notices.NoticeRecorder;
import org.jiedao.hub.routes.notices.NoticeRequest;
import org.neo4j.driver.Driver;

/**
 * The proactive services wired together (docs/analytics.md, "Proactive services"): the catalogue, the eligible
 * residents not enrolled, their prefilled forms, and the notices. Settings (environment):
 * <table>
 * <caption>notice settings</caption>
 * <tr><td>HUB_SERVICES_DIR</td><td>./config/services</td><td>the catalogue (one YAML file per service)</td></tr>
 * <tr><td>HUB_NOTICES_CHANNEL</td><td>unset (no notices)</td><td>{@code file}, {@code http} or {@code sms}</td></tr>
 * <tr><td>HUB_NOTICES_URL</td><td></td><td>the endpoint of {@code http} and {@code sms}</td></tr>
 * <tr><td>HUB_NOTICES_DIR</td><td>&lt;data&gt;/notices</td><td>the drop directory of {@code file}</td></tr>
 * <tr><td>HUB_NOTICES_PERIOD</td><td>1h</td><td>how often the notice route runs (ISO 8601 duration or 30s, 10m, 1h)</td></tr>
 * </table>
 */
final class ProactiveServices {
    /** The zone the day is taken in: Beijing. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final ServiceCatalogue catalogue;
    private final Driver driver;
    private final Ontology ontology;

    /**
     * @param catalogue the catalogue
     * @param driver    the hub's driver
     * @param ontology  the ontology
     */
    ProactiveServices(ServiceCatalogue catalogue, Driver driver, Ontology ontology) {
        this.catalogue = catalogue;
        this.driver = driver;
        this.ontology = ontology;
    }

    /**
     * @param env      the environment
     * @param ontology the ontology
     * @return the catalogue of {@code HUB_SERVICES_DIR} (default {@code config/services})
     * @throws org.jiedao.hub.analytics.ServiceCatalogueException naming the file and line of a bad definition
     */
    static ServiceCatalogue catalogue(Map<String, String> env, Ontology ontology) {
        return ServiceCatalogue.load(Path.of(env.getOrDefault("HUB_SERVICES_DIR", "config/services")).toAbsolutePath().normalize(), ontology);
    }

    /** @return the catalogue */
    ServiceCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Creates the notices due on a day: for every service with a notice template, one per eligible resident not
     * enrolled who has not opted out, its text rendered from the prefilled form; existing notices are kept as they are.
     *
     * @param ledger the notices
     * @param day    the day
     * @return how many notices were created
     */
    int createNotices(NoticeLedger ledger, LocalDate day) {
        ServiceEligibility eligibility = new ServiceEligibility(driver, null);
        Prefill prefill = new Prefill(driver, ontology, null);
        int created = 0;
        for (PublicServiceDefinition s : catalogue.services()) {
            if (s.noticeTemplate() == null) {
                continue;
            }
            List<String> ids = eligibility.outreach(s, day, CommunityScope.ALL).notEnrolled().stream()
                    .filter(r -> !r.optedOut()).map(EligibleResident::idNumber).toList();
            List<NoticeRequest> requests = new ArrayList<>();
            for (PrefilledForm form : prefill.forms(s, ids, day, CommunityScope.ALL)) {
                Map<String, String> values = new HashMap<>();
                form.fields().forEach(f -> values.put(f.field(), f.text()));
                values.put(NoticeTemplate.SERVICE, s.name());
                requests.add(new NoticeRequest(s.code(), form.idNumber(), value(form, "name"), value(form, "phone"),
                        NoticeTemplate.render(s.noticeTemplate(), values)));
            }
            created += ledger.enqueue(requests, Instant.now());
        }
        return created;
    }

    private static String value(PrefilledForm form, String field) {
        return form.fields().stream().filter(f -> f.field().equals(field)).findFirst().map(PrefilledField::value).orElse(null);
    }

    /** @return today in Beijing */
    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /**
     * @param env     the environment
     * @param dataDir the hub's data directory
     * @return the configured channel, or empty when {@code HUB_NOTICES_CHANNEL} is unset
     * @throws IllegalArgumentException for an unknown channel or a missing URL
     */
    static Optional<NoticeChannel> channel(Map<String, String> env, Path dataDir) {
        String kind = env.get("HUB_NOTICES_CHANNEL");
        if (kind == null || kind.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(switch (kind.trim()) {
            case "file" -> new FileNoticeChannel(Path.of(env.getOrDefault("HUB_NOTICES_DIR", dataDir.resolve("notices").toString())));
            case "http", "sms" -> {
                String url = env.get("HUB_NOTICES_URL");
                if (url == null || url.isBlank()) {
                    throw new IllegalArgumentException("HUB_NOTICES_CHANNEL=" + kind + " needs HUB_NOTICES_URL");
                }
                yield new HttpNoticeChannel(java.net.URI.create(url.trim()), kind.trim().equals("sms"), Duration.ofSeconds(30));
            }
            default -> throw new IllegalArgumentException("HUB_NOTICES_CHANNEL must be file, http or sms, not '" + kind + "'");
        });
    }

    /**
     * @param env the environment
     * @return {@code HUB_NOTICES_PERIOD}, default one hour
     */
    static Duration period(Map<String, String> env) {
        String p = env.getOrDefault("HUB_NOTICES_PERIOD", "1h").trim();
        if (p.startsWith("P") || p.startsWith("p")) {
            return Duration.parse(p);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(p);
        if (!m.matches()) {
            throw new IllegalArgumentException("HUB_NOTICES_PERIOD: not a duration (30s, 10m, 1h or ISO 8601): " + p);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /**
     * @param ledger   the notices
     * @param channel  the channel
     * @param recorder the audit trail
     * @return an outbox with the default retry policy
     */
    static NoticeOutbox outbox(NoticeLedger ledger, NoticeChannel channel, NoticeRecorder recorder) {
        return new NoticeOutbox(ledger, channel, recorder, Clock.systemUTC(), NoticeOutbox.DEFAULT_BACKOFF,
                NoticeOutbox.DEFAULT_MAX_BACKOFF, NoticeOutbox.DEFAULT_MAX_ATTEMPTS);
    }
}
