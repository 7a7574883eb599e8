package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dkim.keys.DkimKey;
import dev.postern.dkim.keys.DkimKeyManager;
import dev.postern.dkim.keys.FileDkimKeyStore;
import dev.postern.dns.StaticResolver;

/** Keys from the key store sign with the engine and verify against the TXT records they publish. */
class KeyStoreSigningTest {

    static final Instant NOVEMBER = Instant.parse("2026-11-29T12:00:00Z");
    static final byte[] MESSAGE = "From: me@example.org\r\nTo: you@remote.example\r\nSubject: hi\r\n\r\nhello\r\n".getBytes();

    @TempDir
    Path root;

    @Test
    void signingKeysSignAndVerifyWithTheirPublishedRecords() {
        DkimKeyManager manager = new DkimKeyManager(new FileDkimKeyStore(root), Clock.fixed(NOVEMBER, ZoneOffset.UTC), Duration.ofDays(7));
        manager.ensureKeys("example.org");
        StaticResolver dns = new StaticResolver();
        manager.publishedKeys("example.org").forEach(k -> dns.txt(k.txtName(), k.txtRecord()));

        List<String> fields = new DkimSigner(Clock.fixed(NOVEMBER, ZoneOffset.UTC))
            .signAll(MESSAGE, manager.signingKeys("example.org").stream().map(DkimKey::signingConfig).toList());
        List<SignatureResult> results = new DkimVerifier(dns, Clock.fixed(NOVEMBER, ZoneOffset.UTC), DkimVerifier.Options.defaults())
            .verify(DkimSigner.prepend(fields, MESSAGE));

        assertThat(results).extracting(SignatureResult::result).containsExactly(DkimResult.PASS, DkimResult.PASS);
    }

}
