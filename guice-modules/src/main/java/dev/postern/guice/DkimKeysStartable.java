package dev.postern.guice;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.dkim.keys.DkimKey;
import dev.postern.dkim.keys.DkimKeyManager;
import dev.postern.domains.DomainAdditions;

/**
 * Gives every local domain its DKIM keys: at start, then every {@code dkim.keys.checkInterval}
 * (conf/postern.properties, default one minute) for domains added since, which also deletes
 * retired keys whose grace period is over. When the domain list tells of additions
 * ({@link DomainAdditions}: Postern's server, whose list WebAdmin's {@code PUT /domains/NAME}
 * goes through), a new domain gets its keys before that addition returns; with stock James it
 * waits for the next check. DkimSign and the WebAdmin routes create keys on first use too, so a
 * new domain never waits to sign. James starts it when {@code conf/extensions.properties} lists it:
 * <pre>
 * guice.extension.startable=dev.postern.guice.DkimKeysStartable
 * </pre>
 */
public class DkimKeysStartable implements UserDefinedStartable {

    private static final Logger LOGGER = LoggerFactory.getLogger(DkimKeysStartable.class);

    private final DomainList domains;
    private final DkimKeyManager keys;
    private final Duration interval;

    @Inject
    public DkimKeysStartable(DomainList domains, DkimKeyManager keys, @Named(PosternModule.DKIM_CHECK_INTERVAL) Duration interval) {
        this.domains = domains;
        this.keys = keys;
        this.interval = interval;
    }

    @Override
    public void start() {
        if (domains instanceof DomainAdditions additions) {
            additions.onDomainAdded(this::ensureKeys);
        }
        check();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "postern-dkim-keys");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Keys for domains without, retired keys past their grace period deleted. Never throws. */
    void check() {
        try {
            for (Domain domain : domains.getDomains()) {
                String name = domain.asString();
                ensureKeys(name);
                for (DkimKey key : keys.purge(name)) {
                    LOGGER.info("DKIM: deleted {}, retired longer than {}; remove its TXT record", key, keys.retiredGrace());
                }
            }
        } catch (Exception e) {
            LOGGER.warn("DKIM: checking the keys of the local domains failed; will retry in {}", interval, e);
        }
    }

    /** Both keys of {@code domain} if it has none yet; a failure is left for the next check. */
    void ensureKeys(String domain) {
        try {
            for (DkimKey key : keys.ensureKeys(domain)) {
                LOGGER.info("DKIM: created {}; publish its TXT record (GET /postern/dns-records/{})", key, domain);
            }
        } catch (RuntimeException e) {
            LOGGER.warn("DKIM: creating the keys of {} failed; will retry in {}", domain, interval, e);
        }
    }
}
