package org.jiedao.hub.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jiedao.hub.api.audit.AuditKey;
import org.jiedao.hub.api.audit.AuditRecord;
import org.jiedao.hub.api.audit.AuditSearch;
import org.jiedao.hub.api.audit.AuditVerifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hub audit verify|search}: checks and searches the audit trail (docs/security/audit.md). Both read the
 * audit folder ({@code --dir}, else {@code HUB_AUDIT_DIR}, else {@code HUB_DATA_DIR/audit}) with the key
 * {@code HUB_DATA_DIR/secrets/audit-hmac.key} ({@code --key}); none needs Neo4j nor a running hub. Only
 * {@code prune} changes anything.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit trail: verify its hash chains, search who accessed a person or what a principal did, prune old files.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Search.class, AuditCommand.Prune.class})
final class AuditCommand implements Callable<Integer> {
    /** Environment the settings are read from. */
    Map<String, String> env = System.getenv();
    /** Where results go. */
    PrintStream stdout = System.out;
    /** Where problems and counts go. */
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        stderr.println("hub audit: give a subcommand, verify or search (hub audit --help)");
        return 2;
    }

    private Path dir(Path given) {
        return given != null ? given.toAbsolutePath() : HubSettings.fromEnvironment(env).auditDir();
    }

    private Path key(Path given) {
        return given != null ? given.toAbsolutePath() : HubSettings.fromEnvironment(env).auditKeyFile();
    }

    /**
     * {@code hub audit verify}: walks every chain, recomputes each record's HMAC, checks seq continuity, the links
     * between records and the anchor. Prints one line per chain ({@code OK} with counts, or {@code BROKEN} with the
     * first broken record as {@code file:line (seq N): why}); exit status 0 when every chain is intact, 1 otherwise
     * (also when there is no chain or no key).
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify every audit chain: HMACs, sequence, links, anchor. Exit 1 at the first broken record of any chain.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Mixin
        Location location;

        @Override
        public Integer call() {
            Path auditDir = parent.dir(location.dir);
            AuditKey k;
            try {
                k = AuditKey.read(parent.key(location.key));
            } catch (java.io.UncheckedIOException e) {
                parent.stderr.println("hub audit verify: " + e.getMessage());
                return 1;
            }
            List<AuditVerifier.ChainResult> chains = AuditVerifier.verify(auditDir, k);
            if (chains.isEmpty()) {
                parent.stderr.println("hub audit verify: no audit chain in " + auditDir);
                return 1;
            }
            long records = 0;
            int broken = 0;
            for (AuditVerifier.ChainResult c : chains) {
                records += c.records();
                if (c.ok()) {
                    parent.stdout.printf("OK      %s: %d record(s) in %d file(s), last seq %d%n", c.chain(), c.records(), c.files(), c.lastSeq());
                } else {
                    broken++;
                    parent.stdout.printf("BROKEN  %s: %s/%s%n", c.chain(), c.chain(), c.problem());
                }
            }
            if (broken == 0) {
                parent.stdout.printf("OK: %d chain(s), %d record(s) verified in %s%n", chains.size(), records, auditDir);
                return 0;
            }
            parent.stdout.printf("FAILED: %d of %d chain(s) broken in %s%n", broken, chains.size(), auditDir);
            return 1;
        }
    }

    /**
     * {@code hub audit search --person ID | --principal ID [--since DATE] [--until DATE]}: one tab-separated line
     * per record, oldest first: time (UTC), principal, role, purpose, kind, operation, how the person was
     * concerned ({@code returned}, {@code looked-up}, {@code returned+looked-up}), outcome, and
     * {@code chain:seq}. Exit status 0 (also when nothing is found; the count goes to standard error), 2 for a
     * malformed ID number or date.
     */
    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Who accessed a person (--person ID number, 15 or 18 digits), or what a principal did (--principal).")
    static final class Search implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--person", description = "a resident ID number (15 or 18 digits; full-width accepted)")
            String person;

            @Option(names = "--principal", description = "a principal id, as recorded")
            String principal;
        }

        @Option(names = "--since", description = "from this day (YYYY-MM-DD, UTC) or instant (ISO-8601), inclusive")
        String since;

        @Option(names = "--until", description = "up to this day (YYYY-MM-DD, UTC: the whole day included) or instant, exclusive")
        String until;

        @Mixin
        Location location;

        @Override
        public Integer call() {
            Instant from;
            Instant to;
            try {
                from = instant(since, false);
                to = instant(until, true);
            } catch (IllegalArgumentException e) {
                parent.stderr.println("hub audit search: " + e.getMessage());
                return 2;
            }
            AuditKey k;
            try {
                k = AuditKey.read(parent.key(location.key));
            } catch (java.io.UncheckedIOException e) {
                parent.stderr.println("hub audit search: " + e.getMessage());
                return 1;
            }
            AuditSearch search = new AuditSearch(parent.dir(location.dir), k);
            List<AuditSearch.Hit> hits;
            try {
                hits = target.person != null ? search.person(target.person, from, to) : search.principal(target.principal, from, to);
            } catch (IllegalArgumentException e) {
                parent.stderr.println("hub audit search: " + e.getMessage());
                return 2;
            }
            for (AuditSearch.Hit h : hits) {
                AuditRecord r = h.record();
                parent.stdout.printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s:%d%n", r.time(), field(r.principal()), field(r.role()),
                        field(r.purpose()), r.kind(), field(r.operation()),
                        via(h.via()), r.errors().isEmpty() ? r.outcome() : String.join(",", r.errors()), field(r.chain()), r.seq());
            }
            parent.stderr.printf("%d record(s)%n", hits.size());
            return 0;
        }

        private static String via(AuditSearch.Via via) {
            return switch (via) {
                case RETURNED -> "returned";
                case LOOKED_UP -> "looked-up";
                case BOTH -> "returned+looked-up";
                case PRINCIPAL -> "-";
            };
        }

        private static Instant instant(String value, boolean endOfDay) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                LocalDate day = LocalDate.parse(value.strip());
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(value.strip());
                } catch (DateTimeParseException e2) {
                    throw new IllegalArgumentException("'" + value + "' is neither a day (YYYY-MM-DD) nor an instant (e.g. 2026-11-29T08:00:00Z)");
                }
            }
        }
    }

    /**
     * {@code hub audit prune --before DAY}: retention. Deletes, per intact chain, the oldest whole files whose UTC day
     * is before DAY (never a chain's last file), after recording where the chain now starts ({@link AuditPruner}).
     * One line per chain; exit status 0, 1 if a chain was left alone because it is broken, 2 for a malformed day.
     */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete audit files of days before --before, keeping every chain verifiable.")
    static final class Prune implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Option(names = "--before", required = true, description = "delete files of days before this one (YYYY-MM-DD, UTC)")
        String before;

        @Mixin
        Location location;

        @Override
        public Integer call() {
            LocalDate day;
            try {
                day = LocalDate.parse(before.strip());
            } catch (DateTimeParseException e) {
                parent.stderr.println("hub audit prune: --before '" + before + "' is not a day (YYYY-MM-DD)");
                return 2;
            }
            AuditKey k;
            try {
                k = AuditKey.read(parent.key(location.key));
            } catch (java.io.UncheckedIOException e) {
                parent.stderr.println("hub audit prune: " + e.getMessage());
                return 1;
            }
            int refused = 0;
            for (org.jiedao.hub.api.audit.AuditPruner.Pruned p : org.jiedao.hub.api.audit.AuditPruner.prune(parent.dir(location.dir), k, day)) {
                if (p.refused() != null) {
                    refused++;
                    parent.stdout.printf("LEFT    %s: %s%n", p.chain(), p.refused());
                } else {
                    parent.stdout.printf("PRUNED  %s: %d file(s) deleted%s%n", p.chain(), p.deleted().size(),
                            p.deleted().isEmpty() ? "" : " (" + String.join(", ", p.deleted()) + ")");
                }
            }
            return refused == 0 ? 0 : 1;
        }
    }

    /**
     * @param value a recorded value that callers chose (a token's subject, a purpose, an operation name), or null
     * @return it as one tab-separated field: {@code -} for null, control characters (tab, newline...) written as
     *         {@code \\uXXXX} so that a crafted value cannot break or forge output lines
     */
    static String field(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '\\') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The options every audit subcommand takes: where the chains and their key are. */
    static final class Location {
        @Option(names = "--dir", description = "the audit folder (default: HUB_AUDIT_DIR, else HUB_DATA_DIR/audit)")
        Path dir;

        @Option(names = "--key", description = "the audit key file (default: HUB_DATA_DIR/secrets/audit-hmac.key)")
        Path key;
    }
}
