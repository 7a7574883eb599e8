package dev.postern.storage;

import java.time.Clock;
import java.util.Optional;

import dev.postern.cluster.InMemoryLeaseStore;
import dev.postern.cluster.LeaseStore;
import dev.postern.dkim.keys.DkimKeyStore;
import dev.postern.dmarc.report.DmarcReportStore;
import dev.postern.dmarc.report.InMemoryDmarcReportStore;
import dev.postern.score.bayes.BayesStore;
import dev.postern.score.bayes.InMemoryBayesStore;
import dev.postern.score.store.GreylistStore;
import dev.postern.score.store.InMemoryGreylistStore;
import dev.postern.score.store.InMemoryRateLimitStore;
import dev.postern.score.store.InMemoryReputationStore;
import dev.postern.score.store.InMemoryTagSeenStore;
import dev.postern.score.store.RateLimitStore;
import dev.postern.score.store.ReputationStore;
import dev.postern.score.store.TagSeenStore;
import dev.postern.subaddress.FolderCreationCounts;
import dev.postern.subaddress.InMemoryFolderCreationCounts;

/**
 * Every store of one backend, chosen by {@code storage=memory|cassandra} in
 * {@code conf/postern.properties}: in memory (one server, forgotten at restart) or Cassandra
 * (postern-cassandra's {@code CassandraStores}, shared by a cluster).
 */
public interface Stores extends AutoCloseable {

    GreylistStore greylist();

    RateLimitStore rateLimit();

    TagSeenStore tagSeen();

    BayesStore bayes();

    LeaseStore leases();

    /** Detail folders created per user and day (the subaddress folder limit). */
    FolderCreationCounts folderCreations();

    /** Recent verdicts per sender identity (the sender reputation rule). */
    ReputationStore reputation();

    /**
     * The DKIM keys, when this backend keeps them (Cassandra: every server signs with the same
     * keys); empty: files under {@code dkim.keys.directory} ({@code FileDkimKeyStore}).
     */
    default Optional<DkimKeyStore> dkimKeys() {
        return Optional.empty();
    }

    /** The records of DMARC aggregate reports not yet sent. */
    DmarcReportStore dmarcReports();

    /** The backend's name, as in the {@code storage} setting. */
    String backend();

    /** Throws when the backend does not answer now (health checks); in memory it always does. */
    default void check() {
    }

    @Override
    default void close() {
    }

    static Stores inMemory(Clock clock) {
        GreylistStore greylist = new InMemoryGreylistStore();
        RateLimitStore rateLimit = new InMemoryRateLimitStore();
        TagSeenStore tagSeen = new InMemoryTagSeenStore();
        BayesStore bayes = new InMemoryBayesStore();
        LeaseStore leases = new InMemoryLeaseStore(clock);
        FolderCreationCounts folderCreations = new InMemoryFolderCreationCounts();
        DmarcReportStore dmarcReports = new InMemoryDmarcReportStore();
        ReputationStore reputation = new InMemoryReputationStore();
        return new Stores() {
            public GreylistStore greylist() { return greylist; }
            public RateLimitStore rateLimit() { return rateLimit; }
            public TagSeenStore tagSeen() { return tagSeen; }
            public BayesStore bayes() { return bayes; }
            public LeaseStore leases() { return leases; }
            public FolderCreationCounts folderCreations() { return folderCreations; }
            public DmarcReportStore dmarcReports() { return dmarcReports; }
            public ReputationStore reputation() { return reputation; }
            public String backend() { return "memory"; }
        };
    }
}
