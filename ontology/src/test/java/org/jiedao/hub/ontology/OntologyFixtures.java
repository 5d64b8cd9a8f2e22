package org.jiedao.hub.ontology;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: the bundled ontology with extra Turtle added, to plant errors or new terms. */
final class OntologyFixtures {
    private OntologyFixtures() {
    }

    /**
     * @param extraTurtle Turtle read after the bundled files
     * @return the ontology of the bundled files and the extra Turtle
     */
    static Ontology bundledPlus(String extraTurtle) {
        List<InputStream> in = new ArrayList<>();
        for (String resource : Ontology.BUNDLED) {
            in.add(OntologyFixtures.class.getResourceAsStream(resource));
        }
        in.add(new ByteArrayInputStream(extraTurtle.getBytes(StandardCharsets.UTF_8)));
        return Ontology.parse(in.toArray(InputStream[]::new));
    }
}
