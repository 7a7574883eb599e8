package dev.postern.dmarc.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link DmarcReportStore} for one server: forgotten at restart. */
public final class InMemoryDmarcReportStore implements DmarcReportStore {

    private final ConcurrentSkipListMap<ReportPeriod, ConcurrentSkipListMap<String, Map<String, DmarcReportRecord>>> periods =
        new ConcurrentSkipListMap<>();

    @Override
    public void add(ReportPeriod period, DmarcReportRecord record) {
        periods.compute(period, (key, domains) -> {
            ConcurrentSkipListMap<String, Map<String, DmarcReportRecord>> filed = domains == null ? new ConcurrentSkipListMap<>() : domains;
            filed.computeIfAbsent(record.policyDomain(), domain -> new ConcurrentHashMap<>()).putIfAbsent(record.id(), record);
            return filed;
        });
    }

    @Override
    public List<ReportPeriod> periods() {
        return List.copyOf(periods.keySet());
    }

    @Override
    public List<String> policyDomains(ReportPeriod period) {
        Map<String, Map<String, DmarcReportRecord>> domains = periods.get(period);
        return domains == null ? List.of() : List.copyOf(domains.keySet());
    }

    @Override
    public List<DmarcReportRecord> records(String policyDomain, ReportPeriod period) {
        Map<String, Map<String, DmarcReportRecord>> domains = periods.get(period);
        Map<String, DmarcReportRecord> records = domains == null ? null : domains.get(policyDomain);
        return records == null ? List.of() : new ArrayList<>(records.values());
    }

    @Override
    public void delete(String policyDomain, ReportPeriod period, Collection<String> recordIds) {
        periods.computeIfPresent(period, (key, domains) -> {
            domains.computeIfPresent(policyDomain, (domain, records) -> {
                records.keySet().removeAll(recordIds);
                return records.isEmpty() ? null : records;
            });
            return domains.isEmpty() ? null : domains;
        });
    }
}
