package dev.postern.opensearch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.scanlog.ScanLog;
import dev.postern.scanlog.ScanLogStatus;
import dev.postern.scanlog.ScanQuery;
import dev.postern.scanlog.ScanRecord;

/**
 * Indexes scan records into OpenSearch in bulk, off the mail path. {@link #submit} only offers
 * the record to a bounded queue: it never blocks, and when the queue is full the record is
 * dropped and counted as a dead letter. One worker thread sends batches of up to
 * {@code opensearch.bulk.size}; a batch that fails (OpenSearch down, 429, 5xx) is retried with
 * exponential back-off for up to {@code opensearch.retry.max}, then counted as dead letters.
 * Each record gets its id when queued, so a retried batch never indexes a record twice.
 * {@link #search} goes to {@link ScanSearch} over the same clients.
 */
public final class OpenSearchScanLog implements ScanLog, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(OpenSearchScanLog.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private record Pending(String id, ScanRecord record) {
    }

    private final OpenSearchClients clients;
    private final OpenSearchClient client;
    private final ScanIndices indices;
    private final ScanSearch search;
    private final OpenSearchSettings settings;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final Thread worker;
    /** Closed after the queue is sent: the retention job, the HTTP clients. */
    private final List<AutoCloseable> closedAfter = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;
    private volatile boolean templateInstalled;

    public OpenSearchScanLog(OpenSearchClients clients, OpenSearchSettings settings) {
        this.clients = clients;
        this.client = clients.client();
        this.indices = new ScanIndices(clients.rest(), settings.indexPrefix());
        this.search = new ScanSearch(clients, settings);
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.worker = new Thread(this::run, "postern-scanlog-indexer");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public boolean submit(ScanRecord record) {
        if (open && queue.offer(new Pending(UUID.randomUUID().toString(), record))) {
            return true;
        }
        deadLetters.incrementAndGet();
        return false;
    }

    /** Throws when OpenSearch does not answer, or answers that the cluster is red. */
    @Override
    public void check() {
        try {
            org.opensearch.client.Response response = clients.rest().performRequest(
                new org.opensearch.client.Request("GET", "/_cluster/health"));
            String body = new String(response.getEntity().getContent().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (body.contains("\"status\":\"red\"")) {
                throw new IllegalStateException("OpenSearch cluster is red");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("OpenSearch does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ScanRecord> search(ScanQuery query) throws java.io.IOException {
        return search.search(query);
    }

    @Override
    public ScanLogStatus status() {
        return new ScanLogStatus(true, indexed(), queued(), deadLetters(), failedAttempts());
    }

    /** Records indexed so far. */
    public long indexed() {
        return indexed.get();
    }

    /** Records dropped: queue full, refused by OpenSearch, or still failing after opensearch.retry.max. */
    public long deadLetters() {
        return deadLetters.get();
    }

    /** Bulk requests that failed and were retried. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Records waiting. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.bulkSize() - 1);
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOGGER.error("scan log indexer: unexpected failure, {} records dropped", batch.size(), e);
                deadLetters.addAndGet(batch.size());
            }
            batch.clear();
        }
    }

    private void send(List<Pending> batch) throws InterruptedException {
        List<Pending> remaining = new ArrayList<>(batch);
        long giveUpAt = System.nanoTime() + settings.retryMax().toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (!remaining.isEmpty()) {
            try {
                if (!templateInstalled) {
                    indices.installTemplate();
                    templateInstalled = true;
                }
                remaining = bulk(remaining);
            } catch (Exception e) {
                LOGGER.warn("scan log indexer: bulk of {} records failed ({}), retrying in {} ms",
                    remaining.size(), e.toString(), backoff.toMillis());
            }
            if (remaining.isEmpty()) {
                return;
            }
            failedAttempts.incrementAndGet();
            if (System.nanoTime() - giveUpAt > 0) {
                LOGGER.error("scan log indexer: {} records still failing after {}, dropped ({})",
                    remaining.size(), settings.retryMax(), OpenSearchSettings.RETRY_MAX);
                deadLetters.addAndGet(remaining.size());
                return;
            }
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Sends one bulk request; returns the records to retry (429 and 5xx items). */
    private List<Pending> bulk(List<Pending> records) throws java.io.IOException {
        List<BulkOperation> operations = new ArrayList<>(records.size());
        for (Pending pending : records) {
            operations.add(BulkOperation.of(op -> op.index(index -> index
                .index(indices.indexFor(pending.record().time()))
                .id(pending.id())
                .document(ScanIndices.document(pending.record())))));
        }
        BulkResponse response = client.bulk(request -> request.operations(operations));
        if (!response.errors()) {
            indexed.addAndGet(records.size());
            return List.of();
        }
        List<Pending> retry = new ArrayList<>();
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            if (item.error() == null) {
                indexed.incrementAndGet();
            } else if (item.status() == 429 || item.status() >= 500) {
                retry.add(records.get(i));
            } else {
                LOGGER.error("scan log indexer: OpenSearch refused record {}: {} {}", item.id(),
                    item.error().type(), item.error().reason());
                deadLetters.incrementAndGet();
            }
        }
        return retry;
    }

    /** {@code resource} is closed by {@link #close}, after the last records were sent; returns this. */
    public OpenSearchScanLog closingAlso(AutoCloseable resource) {
        closedAfter.add(resource);
        return this;
    }

    /**
     * Stops taking records and waits up to {@code timeout} for the queue to be sent; what is
     * still queued then is counted as dead letters. Then closes what {@link #closingAlso} named.
     */
    public void close(Duration timeout) {
        open = false;
        try {
            worker.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
            deadLetters.addAndGet(queue.size());
            queue.clear();
        }
        for (AutoCloseable resource : closedAfter) {
            try {
                resource.close();
            } catch (Exception e) {
                LOGGER.warn("scan log: could not close {}", resource, e);
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
