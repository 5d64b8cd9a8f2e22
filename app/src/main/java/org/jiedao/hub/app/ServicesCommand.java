package org.jiedao.hub.app;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.jiedao.hub.analytics.EligibleResident;
import org.jiedao.hub.analytics.Prefill;
import org.jiedao.hub.analytics.PrefillShare;
import org.jiedao.hub.analytics.PrefilledForm;
import org.jiedao.hub.analytics.PublicServiceDefinition;
import org.jiedao.hub.analytics.ServiceCatalogue;
import org.jiedao.hub.analytics.ServiceEligibility;
import org.jiedao.hub.analytics.ServiceOutreach;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.routes.notices.NoticeChannel;
import org.jiedao.hub.routes.notices.NoticeLedger;
import org.jiedao.hub.routes.notices.NoticeOutbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hub services list|eligible|prefill|notices ...}: the proactive services (docs/analytics.md, "Proactive
 * services") from the command line, as tables or with {@code --json}. Runs as the hub's operator (every community
 * unless {@code --community}), like {@code hub analytics}. The catalogue is {@code HUB_SERVICES_DIR} (default
 * {@code config/services}); the day defaults to today in Beijing.
 *
 * <p>Exit status: 0 done, 1 bad input (a message on stderr).
 */
@Command(name = "services", mixinStandardHelpOptions = true,
        description = "Proactive public services: the catalogue, eligible residents not enrolled, prefilled forms, notices.",
        subcommands = {ServicesCommand.ListServices.class, ServicesCommand.Eligible.class, ServicesCommand.PrefillCommand.class,
                ServicesCommand.Notices.class})
final class ServicesCommand {

    /** The day option. */
    static final class DayOption {
        @Option(names = "--day", description = "the day criteria are taken on (ISO date); default today in Beijing")
        String day;

        LocalDate day() {
            try {
                return day == null ? ProactiveServices.today() : LocalDate.parse(day);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--day: not an ISO date (2026-11-01): " + day, e);
            }
        }
    }

    private static ServiceCatalogue catalogue(AnalyticsCommand.Common common) {
        return ProactiveServices.catalogue(HubSettings.fromEnvironment(common.env).env(), Ontology.bundled());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The services of the catalogue.")
    static final class ListServices implements Callable<Integer> {
        @Mixin
        AnalyticsCommand.Common common;

        @Override
        public Integer call() {
            List<PublicServiceDefinition> services = catalogue(common).services();
            common.stdout.println(AnalyticsCommand.Table.of(List.of("CODE", "NAME", "CRITERIA", "FORM FIELDS"), services.stream()
                    .map(s -> List.of(s.code(), s.name(), s.criteria().stream().map(PublicServiceDefinition.Criterion::code)
                            .collect(Collectors.joining(", ")), Integer.toString(s.form().size()))).toList()));
            return 0;
        }
    }

    @Command(name = "eligible", mixinStandardHelpOptions = true,
            description = "Residents eligible for a service and not enrolled, with the facts and source records.")
    static final class Eligible implements Callable<Integer> {
        @Mixin
        AnalyticsCommand.Common common;
        @Mixin
        DayOption day;
        @Option(names = "--service", required = true, description = "the service code (hub services list)")
        String service;

        @Override
        public Integer call() {
            return common.run(d -> new ServiceEligibility(d, null).outreach(catalogue(common).service(service), day.day(), common.scope()),
                    (ServiceOutreach o) -> o.service() + " on " + o.day() + ": " + o.eligible() + " eligible, " + o.enrolled()
                            + " enrolled, " + o.notEnrolled().size() + " not enrolled ("
                            + o.notEnrolled().stream().filter(EligibleResident::optedOut).count() + " opted out of notices)\n"
                            + AnalyticsCommand.Table.of(List.of("ID NUMBER", "NAME", "COMMUNITY", "OPTED OUT", "FACTS"), o.notEnrolled().stream()
                            .map(r -> List.of(r.idNumber(), String.valueOf(r.name()), String.valueOf(r.community()), r.optedOut() ? "yes" : "",
                                    r.facts().stream().map(f -> f.detail() + " [" + String.join(",", f.records()) + "]")
                                            .collect(Collectors.joining("; ")))).toList()));
        }
    }

    @Command(name = "prefill", mixinStandardHelpOptions = true,
            description = "A resident's prefilled form (--service and --id), or the share of fields prefilled per service (--shares).")
    static final class PrefillCommand implements Callable<Integer> {
        @Mixin
        AnalyticsCommand.Common common;
        @Mixin
        DayOption day;
        @Option(names = "--service", description = "the service code")
        String service;
        @Option(names = "--id", description = "the resident's ID number (15 or 18 digits)")
        String id;
        @Option(names = "--shares", description = "the share of form fields prefilled, per service and overall")
        boolean shares;

        @Override
        public Integer call() {
            if (shares) {
                return common.run(d -> new Prefill(d, Ontology.bundled(), null).shares(catalogue(common).services(), day.day(), common.scope()),
                        list -> AnalyticsCommand.Table.of(List.of("SERVICE", "RESIDENTS", "FIELDS", "FILLED", "SHARE"), list.stream()
                                .map((PrefillShare s) -> List.of(s.service() == null ? "(all)" : s.service(), Integer.toString(s.residents()),
                                        Long.toString(s.fields()), Long.toString(s.filled()),
                                        String.format(Locale.ROOT, "%.1f%%", 100 * s.share()))).toList()));
            }
            if (service == null || id == null) {
                common.stderr.println("refused: give --service and --id, or --shares");
                return 1;
            }
            String canonical;
            try {
                canonical = IdNumber.parse(id).value();
            } catch (NormalisationException e) {
                common.stderr.println("refused: --id: " + e.getMessage());
                return 1;
            }
            return common.run(d -> new Prefill(d, Ontology.bundled(), null).form(catalogue(common).service(service), canonical, day.day(),
                            common.scope()).orElseThrow(() -> new IllegalArgumentException("no resident " + canonical + " in scope")),
                    (PrefilledForm f) -> f.service() + " for " + f.idNumber() + ": " + f.filled() + " of " + f.fields().size()
                            + " fields prefilled\n" + AnalyticsCommand.Table.of(List.of("FIELD", "LABEL", "VALUE", "SOURCE RECORDS"), f.fields().stream()
                            .map(x -> List.of(x.field(), x.label(), x.filled() ? x.text() : "(missing)", String.join(",", x.records()))).toList()));
        }
    }

    @Command(name = "notices", mixinStandardHelpOptions = true,
            description = "The notice outbox: 'status' counts notices per service and status; 'run' creates the notices due and sends them once through HUB_NOTICES_CHANNEL.")
    static final class Notices implements Callable<Integer> {
        @Mixin
        AnalyticsCommand.Common common;
        @Mixin
        DayOption day;
        @picocli.CommandLine.Parameters(index = "0", defaultValue = "status", description = "status (default) or run")
        String action;

        @Override
        public Integer call() {
            if (!action.equals("status") && !action.equals("run")) {
                common.stderr.println("refused: notices status|run, not " + action);
                return 1;
            }
            HubSettings settings = HubSettings.fromEnvironment(common.env);
            return common.run(d -> {
                NoticeLedger ledger = new NoticeLedger(d);
                ledger.ensureSchema();
                List<String> lines = new ArrayList<>();
                if (action.equals("run")) {
                    NoticeChannel channel = ProactiveServices.channel(settings.env(), settings.dataDir()).orElseThrow(
                            () -> new IllegalArgumentException("set HUB_NOTICES_CHANNEL (file, http or sms) to send notices"));
                    int created = new ProactiveServices(catalogue(common), d, Ontology.bundled()).createNotices(ledger, day.day());
                    try (org.jiedao.hub.api.audit.AuditLog audit = org.jiedao.hub.api.audit.AuditLog.open(settings.auditDir(),
                            settings.auditKeyFile(), settings.auditOptions())) {
                        NoticeOutbox.Round round = ProactiveServices.outbox(ledger, channel, new AuditedNotices(audit)).deliverDue();
                        lines.add("created " + created + ", sent " + round.sent().size() + " to " + channel.describe()
                                + ", skipped (opted out) " + round.skipped().size() + ", failed " + round.failed().size());
                    }
                }
                ledger.counts().forEach((service, counts) -> lines.add(service + ": " + counts));
                return lines;
            }, lines -> String.join("\n", lines));
        }
    }
}
