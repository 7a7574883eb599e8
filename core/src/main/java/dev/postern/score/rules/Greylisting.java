package dev.postern.score.rules;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import dev.postern.score.Action;
import dev.postern.score.config.GreylistSettings;
import dev.postern.score.store.GreylistStore;

/**
 * Greylisting as rspamd does it: only messages whose score chose the {@link Action#GREYLIST}
 * action are greylisted, by the triplet (client network, envelope sender, recipients). The first
 * attempts within the delay get GREYLIST (defer, 4xx); once the delay has passed the retry gets
 * GREYLIST_PASSED and no action. Authenticated clients are never greylisted. Runs after scoring,
 * since it depends on the action.
 */
public final class Greylisting {

    private final GreylistStore store;
    private final GreylistSettings settings;

    public Greylisting(GreylistStore store, GreylistSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** A hit forcing GREYLIST or NO_ACTION, or nothing when greylisting does not apply. */
    public Optional<Hit> check(RuleInput input, Action scoreAction) {
        if (!settings.enabled() || scoreAction != Action.GREYLIST || input.context().clientIp().isEmpty()
            || input.context().authenticatedUser().isPresent()) {
            return Optional.empty();
        }
        String triplet = triplet(input);
        Instant first = store.firstSeen(triplet, input.now(), settings.expiry());
        Instant passAt = first.plus(settings.delay());
        if (input.now().isBefore(passAt)) {
            return Optional.of(Hit.forcing("GREYLIST", Action.GREYLIST, "greylisted until " + passAt));
        }
        return Optional.of(Hit.forcing("GREYLIST_PASSED", Action.NO_ACTION, "first seen " + first));
    }

    private String triplet(RuleInput input) {
        InetAddress ip = input.context().clientIp().orElseThrow();
        TreeSet<String> recipients = new TreeSet<>();
        input.context().recipients().forEach(r -> recipients.add(r.toLowerCase(Locale.ROOT)));
        return network(ip) + "|" + input.context().envelopeSender().toLowerCase(Locale.ROOT) + "|" + String.join(",", recipients);
    }

    /** The client's network: big senders retry from another host of the same pool. */
    String network(InetAddress ip) {
        return ClientNetwork.of(ip, settings.ipv4Prefix(), settings.ipv6Prefix());
    }

}
