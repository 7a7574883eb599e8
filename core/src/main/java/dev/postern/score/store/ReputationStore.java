package dev.postern.score.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.postern.score.bayes.Verdict;

/**
 * The recent verdicts on each sender identity (a client network, an SPF-authenticated domain, a
 * DKIM-aligned From domain), as rspamd's reputation module keeps them: the reputation rule reads
 * them before a scan and the engine records the scan's verdict after it.
 *
 * <p>One sample per message, identity and UTC day, keyed by {@link Sample#messageKey()}:
 * recording the same message again on the same day replaces its sample instead of adding one,
 * so a retried transaction (after a 451) or a message scanned twice counts once. Every write is
 * therefore an idempotent upsert (Cassandra: a plain {@code INSERT ... USING TTL}, safe to retry,
 * no counter and no lightweight transaction), and concurrent writers never lose each other's
 * samples. Reads are bounded: the newest {@code limit} samples of one identity, newest day first
 * (Cassandra: one partition slice).
 */
public interface ReputationStore {

    /**
     * The most samples {@link #recent} returns per identity: it bounds the read in the SMTP path
     * (and fits one page of the Cassandra driver, 5000 rows); the memory store keeps no more.
     */
    int LIMIT_MAX = 1000;

    /**
     * One scanned message's verdict on one identity.
     *
     * @param messageKey identifies the message (a digest), the same for a retry of the same transaction
     * @param at when it was scanned; its UTC day is the sample's bucket
     * @param verdict spam or ham
     * @param score the scan's score, without the reputation symbols
     */
    record Sample(String messageKey, Instant at, Verdict verdict, double score) {

        public Sample {
            Objects.requireNonNull(messageKey, "messageKey");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(verdict, "verdict");
        }

        /** The UTC day of {@link #at}: samples are unique per identity, day and message key. */
        public LocalDate day() {
            return LocalDate.ofInstant(at, ZoneOffset.UTC);
        }
    }

    /**
     * Records {@code sample} for each of {@code identities}, replacing a sample of the same
     * message key and day. The sample is kept until {@code sample.at() + expiry}; one already
     * past it at {@code now} is not recorded.
     */
    void record(Collection<String> identities, Sample sample, Duration expiry, Instant now);

    /**
     * The samples of each identity that have not expired at {@code now}, at most {@code limit} (at most
     * {@link #LIMIT_MAX}) per identity,
     * newest day first and in message key order within a day (an arbitrary but stable choice
     * among one day's messages). An identity without samples maps to an empty list.
     */
    Map<String, List<Sample>> recent(Collection<String> identities, Instant now, int limit);
}
