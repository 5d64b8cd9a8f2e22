package org.jiedao.hub.graph.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpectationMaximisationTest {

    private static int draw(double[] p, Random rnd) {
        double x = rnd.nextDouble();
        for (int i = 0; i < p.length - 1; i++) {
            x -= p[i];
            if (x < 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    @Test
    void emRecoversKnownMAndUFromUnlabelledVectors() {
        List<FieldComparator> comparators = List.of(
                new StringComparator("name", "name", new double[] {0.9}, false),
                new DateComparator("birthDate", "birthDate"),
                new ExactComparator("gender", "gender", false),
                new ExactComparator("phone", "phone", false));
        double[][] m = {{0.85, 0.10, 0.05}, {0.88, 0.04, 0.03, 0.03, 0.02}, {0.97, 0.03}, {0.70, 0.30}};
        double[][] u = {{0.02, 0.08, 0.90}, {0.005, 0.005, 0.03, 0.16, 0.80}, {0.50, 0.50}, {0.01, 0.99}};
        double lambda = 0.15;
        Random rnd = new Random(20261129L);
        List<byte[]> vectors = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            boolean match = rnd.nextDouble() < lambda;
            byte[] v = new byte[4];
            for (int c = 0; c < 4; c++) {
                v[c] = (byte) (rnd.nextDouble() < 0.1 ? FieldComparator.MISSING : draw(match ? m[c] : u[c], rnd));
            }
            vectors.add(v);
        }
        ExpectationMaximisation.Estimate est = ExpectationMaximisation.DEFAULT.estimate(comparators, vectors);
        assertTrue(est.converged(), "converged in " + est.iterations());
        assertEquals(lambda, est.weights().matchShare(), 0.01);
        for (int c = 0; c < 4; c++) {
            for (int l = 0; l < m[c].length; l++) {
                assertEquals(m[c][l], est.weights().m()[c][l], 0.02, "m of " + c + "/" + l);
                assertEquals(u[c][l], est.weights().u()[c][l], 0.02, "u of " + c + "/" + l);
            }
        }
    }
}
