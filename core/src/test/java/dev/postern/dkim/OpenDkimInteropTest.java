package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.postern.dns.StaticResolver;

/**
 * OpenDKIM's opendkim-testmsg (Debian opendkim-tools) signs; Postern verifies. The tool can only
 * sign with rsa-sha1, which RFC 8301 forbids verifiers to accept: Postern must say PERMERROR,
 * yet its canonicalization and header selection must reproduce OpenDKIM's hashes exactly,
 * which this test checks with SHA-1 on the side. The other direction, OpenDKIM's verifier
 * ({@code opendkim -t}, Debian opendkim) on Postern's signatures, is in integration-tests'
 * DkimTest and in ConformanceSamplesTest ({@link OpenDkim}).
 */
class OpenDkimInteropTest {

    static final String TESTMSG = "/usr/sbin/opendkim-testmsg";

    @Test
    void openDkimRsaSha1IsPermerrorButHashesAgree() throws Exception {
        if (!Files.isExecutable(Path.of(TESTMSG))) {
            fail(TESTMSG + " is missing: run 'apt-get install -y opendkim-tools' (the DKIM interop tests need it; it is in the Debian test packages)");
        }
        KeyPair keys = DkimKeys.generateRsa();
        byte[] message = Vectors.message("messages/plain.eml");
        byte[] signed = sign(message, keys);
        String signedText = new String(signed, StandardCharsets.ISO_8859_1);
        assertThat(signedText).startsWith("DKIM-Signature:");

        StaticResolver dns = new StaticResolver().txt("odk._domainkey.example.com", DkimKeys.txtRecord(keys.getPublic()));
        List<SignatureResult> results = new DkimVerifier(dns, Clock.systemUTC(), DkimVerifier.Options.defaults()).verify(signed);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(DkimResult.PERMERROR);
            assertThat(r.algorithm()).isEqualTo("rsa-sha1");
            assertThat(r.reason()).contains("RFC 8301");
        });

        // Our canonicalization and header selection give OpenDKIM's body hash and signed data.
        Message parsed = Message.parse(signed);
        Message.HeaderField field = parsed.headers().get(0);
        DkimSignature signature = DkimSignature.parse(field.value());
        byte[] body = signature.bodyCanonicalization().body(parsed.body());
        assertThat(MessageDigest.getInstance("SHA-1").digest(body)).isEqualTo(signature.bodyHash());
        byte[] headerData = SignedData.headerData(parsed, signature.signedHeaders(), signature.headerCanonicalization(), field.raw());
        Signature sha1 = Signature.getInstance("SHA1withRSA");
        sha1.initVerify(keys.getPublic());
        sha1.update(headerData);
        assertThat(sha1.verify(signature.signature())).as("OpenDKIM's signature over Postern's header data").isTrue();
        // And a changed signed header breaks that agreement, so the check above can fail.
        Message tampered = Message.parse(signedText.replace("Is dinner ready?", "Is lunch ready?").getBytes(StandardCharsets.ISO_8859_1));
        sha1.initVerify(keys.getPublic());
        sha1.update(SignedData.headerData(tampered, signature.signedHeaders(), signature.headerCanonicalization(), field.raw()));
        assertThat(sha1.verify(signature.signature())).isFalse();
    }

    private static byte[] sign(byte[] message, KeyPair keys) throws Exception {
        Path dir = Files.createTempDirectory("opendkim");
        Path key = Files.writeString(dir.resolve("key.pem"), DkimKeys.privateKeyPem(keys.getPrivate()));
        try {
            Process process = new ProcessBuilder(TESTMSG, "-C", "-d", "example.com", "-s", "odk", "-k", key.toString(),
                "-t", dir.toString()).start();
            process.getOutputStream().write(message);
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail(TESTMSG + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
