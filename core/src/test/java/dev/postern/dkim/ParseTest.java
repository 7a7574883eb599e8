package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.postern.dns.StaticResolver;

/** Tag lists, DKIM-Signature fields and key records, from the vector files. */
class ParseTest {

    static Stream<Arguments> tagLists() {
        return Vectors.table("tag-lists.txt").stream().map(row -> Arguments.of(row[0], row[1], row[2]));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tagLists")
    void tagList(String kind, String input, String expected) {
        String text = input.equals("EMPTY") ? "" : Vectors.notation(input);
        if (kind.equals("invalid")) {
            assertThatThrownBy(() -> TagList.parse(text, "test")).isInstanceOf(DkimSyntaxException.class)
                .hasMessageContaining(expected);
            return;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (!expected.equals("EMPTY")) {
            for (String pair : expected.split(" && ")) {
                int equals = pair.indexOf('=');
                tags.put(pair.substring(0, equals), Vectors.notation(pair.substring(equals + 1)));
            }
        }
        assertThat(TagList.parse(text, "test").asMap()).containsExactlyEntriesOf(tags);
    }

    static Stream<Arguments> malformedSignatures() {
        return Vectors.table("malformed-signatures.txt").stream().map(row -> Arguments.of(row[0], row[1]));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedSignatures")
    void malformedSignatureSaysWhatIsWrong(String value, String fragment) {
        assertThatThrownBy(() -> DkimSignature.parse(Vectors.notation(value)))
            .isInstanceOf(DkimSyntaxException.class)
            .hasMessageStartingWith("DKIM-Signature: ")
            .hasMessageContaining(fragment);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedSignatures")
    void malformedSignatureIsPermerror(String value, String fragment) {
        byte[] message = ("DKIM-Signature: " + Vectors.notation(value) + "\r\nFrom: a@example.com\r\n\r\nbody\r\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        var results = new DkimVerifier(new StaticResolver()).verify(message);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(DkimResult.PERMERROR);
            assertThat(r.reason()).contains(fragment);
        });
    }

    @Test
    void signatureDefaultsAndValues() {
        DkimSignature signature = DkimSignature.parse("v=1; a=ed25519-sha256; d=Example.COM; s=brisbane;\r\n"
            + " h=From : To; bh=AAAA; b=AA\r\n AA; l=12; t=100; x=200; z=From:foo|To:bar");
        assertThat(signature.algorithm()).isEqualTo(SigningAlgorithm.ED25519_SHA256);
        assertThat(signature.headerCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(signature.bodyCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(signature.domain()).isEqualTo("example.com");
        assertThat(signature.identity()).isEqualTo("@example.com");
        assertThat(signature.signedHeaders()).containsExactly("From", "To");
        assertThat(signature.signature()).hasSize(3);
        assertThat(signature.bodyLength()).isEqualTo(OptionalLong.of(12));
        assertThat(signature.timestamp()).isEqualTo(OptionalLong.of(100));
        assertThat(signature.expiration()).isEqualTo(OptionalLong.of(200));
        assertThat(signature.copiedHeaders()).contains("From:foo|To:bar");
        assertThat(signature.keyName()).isEqualTo("brisbane._domainkey.example.com");
    }

    @Test
    void relaxedAloneMeansRelaxedSimple() {
        DkimSignature signature = DkimSignature.parse("v=1; a=rsa-sha256; c=relaxed; d=example.com; s=s; h=from; bh=AAAA; b=AAAA");
        assertThat(signature.headerCanonicalization()).isEqualTo(Canonicalization.RELAXED);
        assertThat(signature.bodyCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
    }

    @Test
    void identityIsDkimQuotedPrintableAndMayBeInASubdomain() {
        DkimSignature signature = DkimSignature.parse(
            "v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; i=joe=3Bx@mail.example.com");
        assertThat(signature.identity()).isEqualTo("joe;x@mail.example.com");
        assertThat(signature.identityDomain()).isEqualTo("mail.example.com");
    }

    static Stream<Arguments> keyRecords() {
        return Vectors.table("key-records.txt").stream().map(row -> Arguments.of((Object) row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyRecords")
    void keyRecord(String[] row) {
        String text = Vectors.notation(row[1]);
        if (row[0].equals("invalid")) {
            assertThatThrownBy(() -> KeyRecord.parse(text)).isInstanceOf(DkimSyntaxException.class).hasMessageContaining(row[2]);
            return;
        }
        KeyRecord key = KeyRecord.parse(text);
        assertThat(key.keyType()).isEqualTo(row[2]);
        assertThat(key.isRevoked()).isEqualTo(Boolean.parseBoolean(row[3]));
        assertThat(String.join(":", key.hashAlgorithms())).isEqualTo(row[4].equals("EMPTY") ? "" : row[4]);
        assertThat(String.join(":", key.serviceTypes())).isEqualTo(row[5]);
        assertThat(String.join(":", key.flags())).isEqualTo(row[6].equals("EMPTY") ? "" : row[6]);
    }

    @Test
    void ed25519KeyRecordGivesAJavaKey() throws Exception {
        KeyRecord key = KeyRecord.parse("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        assertThat(key.publicKey().getAlgorithm()).isIn("EdDSA", "Ed25519");
        assertThat(DkimKeys.txtRecord(key.publicKey())).isEqualTo("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    }
}
