/**
 * What servers sharing a backend agree on: {@link dev.postern.cluster.LeaseStore}, one runner
 * per cluster for periodic jobs. In memory for a single server; Cassandra (postern-cassandra)
 * for several.
 */
package dev.postern.cluster;
