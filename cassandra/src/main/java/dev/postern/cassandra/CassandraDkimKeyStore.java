package dev.postern.cassandra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.SigningAlgorithm;
import dev.postern.dkim.keys.DkimKey;
import dev.postern.dkim.keys.DkimKeyStore;
import dev.postern.dkim.keys.KeyState;

/**
 * {@link DkimKeyStore} in table {@code dkim_keys}: one partition per domain, one row per
 * selector, so that every server of a cluster signs with the same keys and proposes the same
 * DNS records. The private keys are in the keyspace (PKCS#8 PEM, as the file store writes them):
 * give Cassandra authentication ({@code cassandra.username}) and keep its data private.
 */
public final class CassandraDkimKeyStore implements DkimKeyStore {

    private final CqlSession session;
    private final PreparedStatement selectDomain;
    private final PreparedStatement selectOne;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final ConsistencyLevel read;
    private final ConsistencyLevel write;

    public CassandraDkimKeyStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        String table = settings.keyspace() + ".dkim_keys";
        String columns = "selector, algorithm, private_key, txt, state, created, retired";
        this.selectDomain = session.prepare("SELECT " + columns + " FROM " + table + " WHERE domain = ?");
        this.selectOne = session.prepare("SELECT " + columns + " FROM " + table + " WHERE domain = ? AND selector = ?");
        this.insert = session.prepare("INSERT INTO " + table + " (domain, " + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        this.delete = session.prepare("DELETE FROM " + table + " WHERE domain = ? AND selector = ?");
        this.read = settings.readConsistency();
        this.write = settings.writeConsistency();
    }

    @Override
    public List<DkimKey> keys(String domain) {
        String name = lower(domain);
        List<DkimKey> keys = new ArrayList<>();
        for (Row row : session.execute(selectDomain.bind(name).setConsistencyLevel(read))) {
            keys.add(key(name, row));
        }
        keys.sort(Comparator.comparing(DkimKey::created).thenComparing(DkimKey::algorithm).thenComparing(DkimKey::selector));
        return List.copyOf(keys);
    }

    @Override
    public Optional<DkimKey> key(String domain, String selector) {
        String name = lower(domain);
        Row row = session.execute(selectOne.bind(name, selector).setConsistencyLevel(read)).one();
        return Optional.ofNullable(row).map(r -> key(name, r));
    }

    @Override
    public void save(DkimKey key) {
        session.execute(insert.bind(key.domain(), key.selector(), key.algorithm().tagValue(),
                DkimKeys.privateKeyPem(key.privateKey()), key.txtRecord(), key.state().name(), key.created(),
                key.retired().orElse(null))
            .setConsistencyLevel(write));
    }

    @Override
    public void delete(String domain, String selector) {
        session.execute(delete.bind(lower(domain), selector).setConsistencyLevel(write));
    }

    private static DkimKey key(String domain, Row row) {
        String selector = row.getString("selector");
        String algorithm = row.getString("algorithm");
        return new DkimKey(domain, selector,
            SigningAlgorithm.fromTag(algorithm).orElseThrow(() -> new IllegalStateException(
                "dkim_keys: " + selector + "._domainkey." + domain + " has unknown algorithm '" + algorithm + "'")),
            DkimKeys.readPrivateKey(row.getString("private_key")),
            row.getString("txt"),
            KeyState.valueOf(row.getString("state")),
            row.getInstant("created"),
            Optional.ofNullable(row.getInstant("retired")));
    }

    private static String lower(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }
}
