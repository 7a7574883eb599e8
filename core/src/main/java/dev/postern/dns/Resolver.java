package dev.postern.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * The DNS lookups the mail-authentication engines make. Implementations: a dnsjava resolver
 * that asks the configured servers, and in-memory fakes for tests. Every answer says how the
 * lookup ended ({@link Lookup.Status}), because RFC 7208 and RFC 7489 treat "no such domain",
 * "no record of that type" and "could not ask" differently.
 */
public interface Resolver {

    /** TXT records of {@code name}, each one's character-strings concatenated (RFC 7208 section 3.3). */
    Lookup<String> txt(String name);

    /** A and AAAA records of {@code name}, as addresses. */
    Lookup<InetAddress> addresses(String name);

    Lookup<InetAddress> a(String name);

    Lookup<InetAddress> aaaa(String name);

    /** MX records of {@code name}, by preference, lowest first. */
    Lookup<MxRecord> mx(String name);

    /** PTR names of {@code address} (in-addr.arpa / ip6.arpa). */
    Lookup<String> ptr(InetAddress address);

    /** One MX record: preference and exchange host name (without the trailing dot). */
    record MxRecord(int preference, String exchange) {
    }

    /**
     * The outcome of one lookup.
     *
     * @param status how it ended
     * @param records the records when {@code status} is {@link Status#FOUND}, else empty
     */
    record Lookup<T>(Status status, List<T> records) {

        public enum Status {
            /** At least one record of the type asked. */
            FOUND,
            /** The name exists but has no record of that type (NOERROR, empty answer). */
            NO_RECORDS,
            /** The name does not exist (NXDOMAIN). */
            NXDOMAIN,
            /** No usable answer: timeout, SERVFAIL, REFUSED, network error. Worth retrying. */
            TEMPORARY_FAILURE
        }

        public Lookup {
            records = List.copyOf(records);
        }

        public static <T> Lookup<T> found(List<T> records) {
            return records.isEmpty() ? new Lookup<>(Status.NO_RECORDS, List.of()) : new Lookup<>(Status.FOUND, records);
        }

        public static <T> Lookup<T> of(Status status) {
            return new Lookup<>(status, List.of());
        }

        public boolean isFound() {
            return status == Status.FOUND;
        }

        /** NXDOMAIN or an empty answer: RFC 7208 section 4.6.4 counts both as void lookups. */
        public boolean isVoid() {
            return status == Status.NO_RECORDS || status == Status.NXDOMAIN;
        }
    }
}
