package dev.postern.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.SigningAlgorithm;
import dev.postern.dkim.keys.DkimKey;
import dev.postern.dkim.keys.KeyState;

class DomainRecordsTest {

    @Test
    void everyRecordADomainNeedsAsZoneLines() {
        KeyPair rsa = DkimKeys.generateRsa();
        DkimKey key = new DkimKey("example.org", "postern-rsa-202611", SigningAlgorithm.RSA_SHA256, rsa.getPrivate(),
            DkimKeys.txtRecord(rsa.getPublic()), KeyState.ACTIVE, Instant.EPOCH, Optional.empty());

        List<DnsRecord> records = DomainRecords.records("Example.org", List.of(key), DomainRecords.Settings.defaults());

        assertThat(records).extracting(DnsRecord::name).containsExactly("example.org", "example.org",
            "postern-rsa-202611._domainkey.example.org", "_dmarc.example.org");
        assertThat(records.get(0).value()).isEqualTo("10 mail.example.org");
        assertThat(records.get(1).value()).isEqualTo("v=spf1 mx -all");
        assertThat(records.get(3).value()).isEqualTo("v=DMARC1; p=quarantine; adkim=r; aspf=r; rua=mailto:postmaster@example.org");
        String zone = DomainRecords.zone(records, 3600);
        assertThat(zone).contains("example.org. 3600 IN MX 10 mail.example.org.\n")
            .contains("example.org. 3600 IN TXT \"v=spf1 mx -all\"\n")
            .contains("postern-rsa-202611._domainkey.example.org. 3600 IN TXT ( \"v=DKIM1; k=rsa; p=");
        String dkimLine = zone.lines().filter(l -> l.startsWith("postern-rsa")).findFirst().orElseThrow();
        String joined = dkimLine.replaceAll("^.*IN TXT \\( ", "").replaceAll(" \\)$", "").replace("\" \"", "").replace("\"", "");
        assertThat(joined).isEqualTo(key.txtRecord());
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new DomainRecords.Settings(null, "block", null)).hasMessageContaining("none, quarantine or reject");
        assertThat(DomainRecords.records("example.org", List.of(), new DomainRecords.Settings("mx.{domain}", "reject", "dmarc@reports.example")))
            .extracting(DnsRecord::value)
            .contains("10 mx.example.org", "v=DMARC1; p=reject; adkim=r; aspf=r; rua=mailto:dmarc@reports.example");
    }
}
