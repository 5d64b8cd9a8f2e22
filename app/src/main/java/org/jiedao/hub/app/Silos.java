package org.jiedao.hub.app;

import java.io.PrintStream;

import org.jiedao.hub.simulator.GeneratedSilos;

final class Silos {
    private Silos() {
    }

    static void describe(GeneratedSilos s, PrintStream out) {
        out.printf("  generated %d persons in %d households of 西长安街街道 under %s%n", s.persons(), s.households(), s.outDir());
        out.printf("    household registry  %s (GBK CSV)%n", s.hukouCsv());
        out.printf("    vehicle registry    %s (table vehicle_registration)%n", s.vehicleJdbcUrl());
        out.printf("    12345 hotline       %s%n", s.hotlineFiles());
        out.printf("    civil affairs       %s (Excel, sheet 残疾人证)%n", s.civilAffairsXlsx());
        out.printf("    ground truth        %s%n", s.groundTruthCsv());
    }
}
