/**
 * Cassandra implementations of core's stores (greylisting, rate limits, tag domains, Bayes
 * token counts, cluster leases, DKIM keys, subaddress folders created per day, sender reputation) in a keyspace whose schema Postern creates and migrates
 * ({@link dev.postern.cassandra.CassandraSchema}). Connect with
 * {@link dev.postern.cassandra.CassandraConnection#open}; settings in
 * {@link dev.postern.cassandra.CassandraSettings}. No James import: the Guice module wires it.
 */
package dev.postern.cassandra;
