/**
 * The scan log: one {@link dev.postern.scanlog.ScanRecord} per message scanned, handed to a
 * {@link dev.postern.scanlog.ScanLog} (OpenSearch in postern-opensearch) without blocking mail,
 * and found again with a {@link dev.postern.scanlog.ScanQuery}.
 */
package dev.postern.scanlog;
