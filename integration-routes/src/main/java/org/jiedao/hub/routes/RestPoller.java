package org.jiedao.hub.routes;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jiedao.hub.loaders.read.JsonRecordReader;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.RestOptions;

/**
 * Reads every page of a REST source once per poll. Each page is one unit: its items are ingested (and committed)
 * before the next page is fetched. Pagination ({@code rest.pagination}):
 * <ul>
 * <li>{@code page}: {@code pageParam=1, 2, ...} with {@code sizeParam=pageSize}; the last page is the first one
 * with fewer items than {@code pageSize} (or with none, when no page size is declared);</li>
 * <li>{@code cursor}: the first request has no cursor; each next request sends {@code pageParam=<cursor>} taken
 * from the response at {@code nextCursor}; absent, null or empty ends the read;</li>
 * <li>{@code none}: one request.</li>
 * </ul>
 * A record's location is {@code <url> page <n> item <i>} ({@code n} from 1, {@code i} the index in the page's
 * array from 0). A page that cannot be fetched (see {@link RestFetcher}), is not JSON or has no item array fails
 * its unit, is recorded in the source's stats, and ends the poll; the next poll starts again from the first page
 * (pages already written are then unchanged and cost no write).
 */
final class RestPoller implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Ingester ingester;
    private final RestOptions rest;
    private final RestFetcher fetcher;
    private final long pauseNanos;
    private long lastEnd;
    private boolean polled;

    /**
     * @param ingester the source's ingester
     * @param pause    the pause between the end of one poll and the start of the next ({@code rest.pollDelay})
     */
    RestPoller(Ingester ingester, java.time.Duration pause) {
        this.pauseNanos = pause.toNanos();
        this.ingester = ingester;
        SourceDefinition d = ingester.mapping().definition();
        this.rest = d.rest();
        this.fetcher = new RestFetcher(rest.headers(), d.errorPolicy().retries(), Durations.parse(d.errorPolicy().backoff()),
                new RequestSpacing(rest.rateLimit()));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        // the timer ticks often; a poll starts only once the pause since the end of the last one has passed
        if (polled && System.nanoTime() - lastEnd < pauseNanos) {
            return;
        }
        try {
            readAllPages();
        } finally {
            polled = true;
            lastEnd = System.nanoTime();
            ingester.stats().pollEnded();
        }
    }

    private void readAllPages() throws Exception {
        String style = rest.pagination() == null ? "none" : rest.pagination();
        String cursor = null;
        for (int page = 1; ; page++) {
            URI uri = pageUri(style, page, cursor);
            JsonNode items;
            JsonNode doc;
            ingester.stats().started();
            try {
                doc = parse(uri, fetcher.get(uri));
                items = at(doc, rest.items());
                if (items == null || !items.isArray()) {
                    throw new RestFetchException("GET " + uri + ": no item array at '" + (rest.items() == null ? "" : rest.items()) + "'");
                }
                List<RawRecord> records = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    records.add(JsonRecordReader.ofNode(rest.url() + " page " + page + " item " + i, items.get(i)));
                }
                ingester.ingest(records);
            } catch (RestFetchException | RuntimeException e) {
                ingester.stats().failed(e.getMessage());
                throw e;
            }
            ingester.stats().finished();
            if (style.equals("none")) {
                return;
            }
            if (style.equals("page")) {
                if (items.isEmpty() || (rest.pageSize() != null && items.size() < rest.pageSize())) {
                    return;
                }
            } else {
                JsonNode next = at(doc, rest.nextCursor());
                if (next == null || next.isNull() || next.asText().isEmpty()) {
                    return;
                }
                if (next.asText().equals(cursor)) {
                    throw new RestFetchException("GET " + uri + " gave back the cursor it was asked for (" + cursor + "); stopped to avoid a loop");
                }
                cursor = next.asText();
            }
        }
    }

    private URI pageUri(String style, int page, String cursor) {
        StringBuilder url = new StringBuilder(rest.url());
        char sep = rest.url().contains("?") ? '&' : '?';
        if (style.equals("page")) {
            url.append(sep).append(encode(rest.pageParam())).append('=').append(page);
            sep = '&';
        } else if (style.equals("cursor") && cursor != null) {
            url.append(sep).append(encode(rest.pageParam())).append('=').append(encode(cursor));
            sep = '&';
        }
        if (!style.equals("none") && rest.sizeParam() != null && rest.pageSize() != null) {
            url.append(sep).append(encode(rest.sizeParam())).append('=').append(rest.pageSize());
        }
        return URI.create(url.toString());
    }

    private static JsonNode parse(URI uri, String body) throws RestFetchException {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RestFetchException("GET " + uri + ": the answer is not JSON: " + e.getOriginalMessage());
        }
    }

    /** @return the node at a dotted path ({@code data.items}); the document itself for a null or empty path */
    private static JsonNode at(JsonNode doc, String path) {
        if (doc == null || path == null || path.isEmpty()) {
            return doc;
        }
        JsonNode n = doc;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "read pages of " + ingester.mapping().definition().id();
    }
}
