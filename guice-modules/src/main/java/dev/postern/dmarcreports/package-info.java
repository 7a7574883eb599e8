/**
 * DMARC aggregate reports (RFC 7489 section 7.2) in James: {@link dev.postern.dmarcreports.DmarcReportRecorder}
 * files a record per checked message (called by {@code AuthenticationHook}),
 * {@link dev.postern.dmarcreports.DmarcReportSender} turns each period's records into one
 * report per policy domain and mails it through James, under a cluster lease. The reports
 * themselves are core's {@code dev.postern.dmarc.report}.
 */
package dev.postern.dmarcreports;
