package dev.postern.cassandra;

import java.util.Optional;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.postern.cluster.LeaseStore;
import dev.postern.dkim.keys.DkimKeyStore;
import dev.postern.dmarc.report.DmarcReportStore;
import dev.postern.score.bayes.BayesStore;
import dev.postern.score.store.GreylistStore;
import dev.postern.score.store.RateLimitStore;
import dev.postern.score.store.ReputationStore;
import dev.postern.score.store.TagSeenStore;
import dev.postern.storage.Stores;
import dev.postern.subaddress.FolderCreationCounts;

/** Every store in Cassandra over one session: {@code storage=cassandra}. */
public final class CassandraStores implements Stores {

    private final CqlSession session;
    private final GreylistStore greylist;
    private final RateLimitStore rateLimit;
    private final TagSeenStore tagSeen;
    private final BayesStore bayes;
    private final LeaseStore leases;
    private final DkimKeyStore dkimKeys;
    private final FolderCreationCounts folderCreations;
    private final DmarcReportStore dmarcReports;
    private final ReputationStore reputation;

    private CassandraStores(CqlSession session, CassandraSettings settings) {
        this.session = session;
        this.greylist = new CassandraGreylistStore(session, settings);
        this.rateLimit = new CassandraRateLimitStore(session, settings);
        this.tagSeen = new CassandraTagSeenStore(session, settings);
        this.bayes = new CassandraBayesStore(session, settings);
        this.leases = new CassandraLeaseStore(session, settings);
        this.dkimKeys = new CassandraDkimKeyStore(session, settings);
        this.folderCreations = new CassandraFolderCreationCounts(session, settings);
        this.dmarcReports = new CassandraDmarcReportStore(session, settings);
        this.reputation = new CassandraReputationStore(session, settings);
    }

    /**
     * Reads the {@code cassandra.*} settings through {@code setting}, connects and migrates the
     * schema. Throws IllegalArgumentException (a bad setting) or
     * {@link CassandraConnection.CassandraUnavailableException}, each naming the key to check.
     */
    public static CassandraStores open(Function<String, String> setting) {
        CassandraSettings settings = CassandraSettings.from(setting);
        CqlSession session = CassandraConnection.open(settings);
        try {
            return new CassandraStores(session, settings);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The session, for health checks. */
    public CqlSession session() {
        return session;
    }

    @Override public GreylistStore greylist() { return greylist; }
    @Override public RateLimitStore rateLimit() { return rateLimit; }
    @Override public TagSeenStore tagSeen() { return tagSeen; }
    @Override public BayesStore bayes() { return bayes; }
    @Override public LeaseStore leases() { return leases; }
    @Override public FolderCreationCounts folderCreations() { return folderCreations; }
    @Override public ReputationStore reputation() { return reputation; }
    @Override public Optional<DkimKeyStore> dkimKeys() { return Optional.of(dkimKeys); }
    @Override public DmarcReportStore dmarcReports() { return dmarcReports; }
    @Override public String backend() { return "cassandra"; }

    @Override
    public void check() {
        session.execute("SELECT release_version FROM system.local");
    }

    @Override
    public void close() {
        session.close();
    }
}
