package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.loaders.mapping.SourceCatalog;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitionException;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An inbound source may only let roles of the access policy submit; the hub refuses to start otherwise. */
class SubmissionRolesTest {
    private static final Ontology O = Ontology.bundled();

    @TempDir
    Path dir;

    private List<SourceMapping> withRoles(String roles) throws Exception {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        String yaml = Files.readString(Path.of(root == null ? ".." : root).resolve("config/sources/civilaffairs-partner.yaml"))
                .replace("roles: [partner:civil-affairs]", "roles: " + roles);
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Files.writeString(sources.resolve("partner.yaml"), yaml);
        return SourceCatalog.load(sources, new Placeholders(Map.of()), dir, O);
    }

    @Test
    void theBundledPartnerRoleIsAcceptedAndAnUnknownOneIsRefusedNamingTheSourceAndTheKnownPartners() throws Exception {
        AccessPolicy policy = AccessPolicy.bundled(O);
        assertThatCode(() -> SubmissionEndpoints.checkRoles(withRoles("[partner:civil-affairs]"), policy)).doesNotThrowAnyException();

        List<SourceMapping> unknown = withRoles("[partner:civil-affairs, partner:tax-bureau]");
        assertThatThrownBy(() -> SubmissionEndpoints.checkRoles(unknown, policy))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("civilaffairs-partner").hasMessageContaining("partner:tax-bureau")
                .hasMessageContaining("[partner:civil-affairs]");
    }
}
