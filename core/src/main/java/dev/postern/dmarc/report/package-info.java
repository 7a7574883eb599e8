/**
 * DMARC aggregate reports (RFC 7489 section 7.2): what a receiver tells domain owners, once a
 * period, about the mail it checked in their name. One {@link dev.postern.dmarc.report.DmarcReportRecord}
 * per message whose policy record asks for reports (rua=), kept in a
 * {@link dev.postern.dmarc.report.DmarcReportStore} until a period's report is handed over;
 * {@link dev.postern.dmarc.report.AggregateReport} is the XML of Appendix C, gzipped and named
 * as section 7.2.1.1 says; {@link dev.postern.dmarc.report.ReportDestinations} picks the mailto:
 * addresses a report may go to (section 7.1 for other domains' addresses, section 6.2 for sizes).
 */
package dev.postern.dmarc.report;
