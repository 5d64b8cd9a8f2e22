package org.jiedao.hub.routes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jiedao.hub.graph.write.Quarantined;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.graph.write.WriteSummary;
import org.jiedao.hub.loaders.CanonicalJson;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.read.ReaderOptions;
import org.jiedao.hub.loaders.read.RecordReader;
import org.jiedao.hub.loaders.read.UnreadableSourceException;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one dropped file whole (format, encoding, sheet and record element from the source definition: csv, json,
 * xlsx or xml) and ingests its records. A file
 * that cannot be read as a whole is recorded in the quarantine under its name and fails the exchange, so the file
 * route moves it to the failed folder; nothing of it is written.
 */
final class FileIngestProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(FileIngestProcessor.class);
    private final Ingester ingester;
    private final RecordWriter writer;
    private final RecordReader reader;

    FileIngestProcessor(Ingester ingester, RecordWriter writer) {
        this.ingester = ingester;
        this.writer = writer;
        this.reader = RecordReader.forFormat(ingester.mapping().definition().format(), options(ingester.mapping().definition()));
    }

    /** The sheet, the record element and the columns the source's fields read (checked for long numbers in xlsx). */
    static ReaderOptions options(SourceDefinition d) {
        Set<String> columns = new LinkedHashSet<>();
        d.fields().values().forEach(f -> columns.add(f.from()));
        return new ReaderOptions(d.file() == null ? null : d.file().sheet(), d.file() == null ? null : d.file().recordElement(),
                columns);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        SourceStats stats = ingester.stats();
        stats.started();
        try {
            byte[] content = exchange.getIn().getBody(byte[].class);
            List<RawRecord> records = reader.read(fileName, content, ingester.mapping().definition().encoding());
            if (List.of("csv", "xlsx").contains(ingester.mapping().definition().format())) {
                refuseWrongHeader(fileName, records);
            }
            WriteSummary s = ingester.ingestUnit(fileName, records);
            stats.finished();
            LOG.info("{}: {} read {}, written {}, unchanged {}, quarantined {}", stats.sourceId(), fileName, records.size(),
                    s.written(), s.unchanged(), s.quarantined());
        } catch (UnreadableSourceException e) {
            String source = ingester.mapping().definition().id();
            writer.write(List.of(), List.of(new Quarantined(source, fileName, e.getMessage(),
                    CanonicalJson.of(Map.of("file", fileName, "bytes", exchange.getIn().getBody(byte[].class).length)))));
            ingester.recordRefusedUnit(fileName, e.getMessage());
            stats.failed(e.getMessage());
            LOG.warn("{}: {} rejected whole, moved to .failed: {}", stats.sourceId(), fileName, e.getMessage());
            removeDoneMarker(fileName);
            throw e;
        } catch (Exception e) {
            removeDoneMarker(fileName);
            stats.failed(e.toString());
            LOG.warn("{}: {} failed, moved to .failed (nothing half-written: batches are transactions): {}",
                    stats.sourceId(), fileName, e.toString());
            throw e;
        }
    }

    /**
     * camel-file deletes a done marker only when its file succeeds; a file going to the failed folder takes its
     * marker with it here, so that no marker is left beside nothing.
     */
    private void removeDoneMarker(String fileName) {
        SourceDefinition d = ingester.mapping().definition();
        if (d.file() != null && d.file().requiresDoneMarker()) {
            try {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(d.file().directory()).resolve(fileName + ".done"));
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("{}: could not remove the done marker of {}: {}", d.id(), fileName, e.toString());
            }
        }
    }

    /** A CSV or sheet whose header lacks required columns is refused whole, naming them, rather than row by row. */
    private void refuseWrongHeader(String fileName, List<RawRecord> records) throws UnreadableSourceException {
        RawRecord first = records.stream().filter(r -> r.problem() == null).findFirst().orElse(null);
        if (first != null) {
            List<String> missing = ingester.mapping().missingRequiredColumns(first.values().keySet());
            if (!missing.isEmpty()) {
                throw new UnreadableSourceException(fileName + ": 缺少必需的列 / required columns missing: " + missing
                        + "; the header has " + first.values().keySet());
            }
        }
    }

    @Override
    public String toString() {
        return "ingest files of " + ingester.mapping().definition().id();
    }
}
