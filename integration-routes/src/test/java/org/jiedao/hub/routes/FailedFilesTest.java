package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Archived names as the file route writes them ({@code ${file:name.noext}.<stamp>.${file:ext}}) lead back to the file's name. */
class FailedFilesTest {
    @Test
    void archivedNamesLeadBackToTheOriginalName() {
        assertThat(FailedFiles.originalName("hukou_registry.20261129-112640123.csv")).isEqualTo("hukou_registry.csv");
        // Camel's name.noext stops at the first dot and ext is the rest
        assertThat(FailedFiles.originalName("cases.20261129-112640123.2026.json")).isEqualTo("cases.2026.json");
        assertThat(FailedFiles.originalName("hukou_registry.csv")).isNull();
    }
}
