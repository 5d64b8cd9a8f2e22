package org.jiedao.hub.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module directions of DESIGN.md honest: ontology <- loaders, ontology <- graph, (loaders, graph) <-
 * integration-routes, (graph, ontology) <- analytics <- api, and only the application wires them together. No module
 * links the GPL Neo4j server.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jiedao.hub");
    }

    @Test
    void theOntologyDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.jiedao.hub.ontology..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jiedao.hub.loaders..", "org.jiedao.hub.graph..",
                        "org.jiedao.hub.routes..", "org.jiedao.hub.api..", "org.jiedao.hub.app..", "org.jiedao.hub.simulator..")
                .check(classes);
    }

    @Test
    void loadersAndGraphDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("org.jiedao.hub.loaders..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jiedao.hub.graph..", "org.jiedao.hub.routes..",
                        "org.jiedao.hub.api..", "org.jiedao.hub.app..")
                .check(classes);
        noClasses().that().resideInAPackage("org.jiedao.hub.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jiedao.hub.loaders..", "org.jiedao.hub.routes..",
                        "org.jiedao.hub.api..", "org.jiedao.hub.app..")
                .check(classes);
    }

    @Test
    void routesAndApiAreIndependentOfEachOtherAndOfTheApplication() {
        noClasses().that().resideInAPackage("org.jiedao.hub.routes..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jiedao.hub.api..", "org.jiedao.hub.app..")
                .check(classes);
        noClasses().that().resideInAPackage("org.jiedao.hub.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jiedao.hub.routes..", "org.jiedao.hub.app..",
                        "org.jiedao.hub.simulator..")
                .check(classes);
    }

    @Test
    void analyticsReadTheGraphAndKnowNothingAbove() {
        noClasses().that().resideInAPackage("org.jiedao.hub.analytics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jiedao.hub.loaders..", "org.jiedao.hub.routes..",
                        "org.jiedao.hub.api..", "org.jiedao.hub.app..", "org.jiedao.hub.simulator..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.jiedao.hub.graph..", "org.jiedao.hub.ontology..", "org.jiedao.hub.routes..")
                .should().dependOnClassesThat().resideInAPackage("org.jiedao.hub.analytics..")
                .check(classes);
    }

    @Test
    void nothingLinksTheNeo4jServer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.neo4j.dbms..", "org.neo4j.graphdb..",
                        "org.neo4j.kernel..", "org.jiedao.hub.neo4jserver..")
                .check(classes);
    }
}
