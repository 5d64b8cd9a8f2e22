package org.jiedao.hub.simulator;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SiloGenerator#generate(Path, String, String, String)} produced: where each silo is, how many
 * records each holds and how many of those a correct loader must quarantine, and one person who appears in all
 * three silos.
 *
 * @param outDir          the output directory
 * @param hukouCsv        the household registry, {@code <outDir>/hukou/hukou_registry.csv} (GBK, CRLF)
 * @param vehicleJdbcUrl  the JDBC URL of the database holding table {@code vehicle_registration}
 * @param hotline2025Json the 12345 hotline cases received in 2025, {@code <outDir>/hotline12345/cases_2025.json}
 * @param hotline2026Json the 12345 hotline cases received in 2026, {@code <outDir>/hotline12345/cases_2026.json}
 * @param groundTruthCsv  the expected outcome of each record, {@code <outDir>/ground_truth.csv} (UTF-8)
 * @param households      the number of simulated households
 * @param persons         the number of simulated persons
 * @param hukou           counts of the household registry (one record per person)
 * @param vehicles        counts of the vehicle registry (one record per vehicle)
 * @param hotline         counts of the hotline cases, both files together
 * @param examplePerson   the canonical 18-character ID number of a person whose records are written (not
 *                        quarantined) in all three silos: household of at least 2 members, at least one vehicle
 *                        and at least one hotline case
 * @param civilAffairs    counts of the civil-affairs register of disability certificates (one record per
 *                        certificate), {@link #civilAffairsXlsx()}
 * @param services        the proactive services' ground truth: enrolled, eligible not enrolled, opted out, per
 *                        service code (registers under {@code civilaffairs-elderly/}, {@code civilaffairs-subsidy/},
 *                        {@code civilaffairs-optout/})
 */
public record GeneratedSilos(
        Path outDir,
        Path hukouCsv,
        String vehicleJdbcUrl,
        Path hotline2025Json,
        Path hotline2026Json,
        Path groundTruthCsv,
        int households,
        int persons,
        Counts hukou,
        Counts vehicles,
        Counts hotline,
        String examplePerson,
        Counts civilAffairs,
        ServiceTruth services) {

    /**
     * Validates that no component is {@code null}.
     *
     * @param outDir          the output directory
     * @param hukouCsv        the household registry file
     * @param vehicleJdbcUrl  the vehicle registry JDBC URL
     * @param hotline2025Json the 2025 hotline file
     * @param hotline2026Json the 2026 hotline file
     * @param groundTruthCsv  the ground-truth file
     * @param households      the number of households
     * @param persons         the number of persons
     * @param hukou           household registry counts
     * @param vehicles        vehicle registry counts
     * @param hotline         hotline counts
     * @param examplePerson   the example person's ID number
     * @param civilAffairs    civil-affairs register counts
     * @param services        the proactive services' ground truth
     */
    public GeneratedSilos {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(hukouCsv, "hukouCsv");
        Objects.requireNonNull(vehicleJdbcUrl, "vehicleJdbcUrl");
        Objects.requireNonNull(hotline2025Json, "hotline2025Json");
        Objects.requireNonNull(hotline2026Json, "hotline2026Json");
        Objects.requireNonNull(groundTruthCsv, "groundTruthCsv");
        Objects.requireNonNull(hukou, "hukou");
        Objects.requireNonNull(vehicles, "vehicles");
        Objects.requireNonNull(hotline, "hotline");
        Objects.requireNonNull(examplePerson, "examplePerson");
        Objects.requireNonNull(civilAffairs, "civilAffairs");
        Objects.requireNonNull(services, "services");
    }

    /**
     * The civil-affairs register of disability certificates (民政 残疾人证), an Excel workbook.
     *
     * @return {@code <outDir>/civilaffairs/disability_certificates.xlsx}, sheet 残疾人证
     */
    public Path civilAffairsXlsx() {
        return outDir.resolve(SiloGenerator.CIVIL_AFFAIRS_FILE);
    }

    /**
     * The hotline files in year order.
     *
     * @return {@code [hotline2025Json, hotline2026Json]}
     */
    public List<Path> hotlineFiles() {
        return List.of(hotline2025Json, hotline2026Json);
    }

    /**
     * The number of records across the silos (= data rows of the ground truth).
     *
     * @return hukou + vehicles + hotline + civil-affairs records
     */
    public int totalRecords() {
        return hukou.records() + vehicles.records() + hotline.records() + civilAffairs.records();
    }

    /**
     * The number of records across the silos that a loader must quarantine.
     *
     * @return hukou + vehicles + hotline + civil-affairs expected quarantined
     */
    public int totalExpectedQuarantined() {
        return hukou.expectedQuarantined() + vehicles.expectedQuarantined() + hotline.expectedQuarantined()
                + civilAffairs.expectedQuarantined();
    }

    /**
     * The ground truth of children's registration spells for the kindergarten forecast.
     *
     * @return {@code <outDir>/kindergarten_truth.csv}, read by {@link KindergartenTruth#read(Path)}
     */
    public Path kindergartenTruthCsv() {
        return outDir.resolve(KindergartenTruth.FILE);
    }

    /**
     * Record counts of one silo.
     *
     * @param records             records written to the silo (rows, table rows, JSON objects)
     * @param expectedQuarantined how many of them are broken on purpose and must be quarantined
     */
    public record Counts(int records, int expectedQuarantined) {
        /**
         * The records a loader should write.
         *
         * @return {@code records - expectedQuarantined}
         */
        public int expectedWritten() {
            return records - expectedQuarantined;
        }
    }
}
