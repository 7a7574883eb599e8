package dev.postern.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.DkimSigner;
import dev.postern.dkim.SigningConfig;
import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.LoopbackDnsServer;
import dev.postern.dns.LoopbackDnsServer.Behaviour;
import dev.postern.inbound.AuthenticationOutcome;
import dev.postern.inbound.InboundPolicy;
import dev.postern.inbound.MessageAuthenticator;

/**
 * Postern's DMARC decisions (result and disposition) against rspamd 3.4's (Debian package
 * rspamd) on the same messages and the same zones, served by one DNS server on loopback that
 * both use. rspamd runs with a minimal configuration (spf, dkim and dmarc only, no maps, that DNS
 * server only), listening on a free loopback port. The table of both answers is written to
 * target/rspamd-dmarc-comparison.txt; docs/rspamd-dmarc-comparison.md records one run.
 */
class RspamdDmarcComparisonTest {

    static final Duration RSPAMD_START = Duration.ofMinutes(6);
    static final String CLIENT_IP = "192.0.2.10";

    @TempDir
    static Path work;
    static LoopbackDnsServer dns;
    static Process rspamd;
    static int rspamdPort;
    static KeyPair key;

    /**
     * One message and what it should give: result and disposition in Postern's words
     * (rspamd's symbols are mapped to them). {@code bodyAltered} breaks the DKIM signature.
     * {@code rspamdDiffers}: where rspamd knowingly answers otherwise, its answer (null when it agrees).
     */
    record Case(String name, String mailFrom, String from, String dkimDomain, boolean bodyAltered,
                String expectedResult, String expectedDisposition, String rspamdDiffers) {
        Case(String name, String mailFrom, String from, String dkimDomain, boolean bodyAltered,
             String expectedResult, String expectedDisposition) {
            this(name, mailFrom, from, dkimDomain, bodyAltered, expectedResult, expectedDisposition, null);
        }
    }

    static final List<Case> CASES = List.of(
        new Case("SPF pass, relaxed alignment (MAIL FROM subdomain)", "x@bounce.c01-pt.com", "a@c01-pt.com", null, false, "pass", "none"),
        new Case("SPF pass, strict alignment (aspf=s), MAIL FROM subdomain", "x@bounce.c02-pt.com", "a@c02-pt.com", null, false, "fail", "reject"),
        new Case("SPF pass, strict alignment (aspf=s), same domain", "x@c03-pt.com", "a@c03-pt.com", null, false, "pass", "none"),
        new Case("DKIM pass, strict alignment (adkim=s), same domain", "x@other-pt.com", "a@c04-pt.com", "c04-pt.com", false, "pass", "none"),
        new Case("DKIM pass, strict alignment (adkim=s), d= subdomain", "x@other-pt.com", "a@c05-pt.com", "mail.c05-pt.com", false, "fail", "quarantine"),
        new Case("DKIM pass, relaxed alignment, d= subdomain", "x@other-pt.com", "a@c06-pt.com", "mail.c06-pt.com", false, "pass", "none"),
        new Case("no DMARC record", "x@other-pt.com", "a@c07-pt.com", null, false, "none", "none"),
        new Case("p=none, nothing aligned", "x@other-pt.com", "a@c08-pt.com", null, false, "fail", "none"),
        new Case("subdomain From, org record p=reject sp=quarantine", "x@other-pt.com", "a@news.c09-pt.com", null, false, "fail", "quarantine"),
        new Case("DKIM signature broken (body altered), SPF fail, p=reject", "x@c10-pt.com", "a@c10-pt.com", "c10-pt.com", true, "fail", "reject"),
        new Case("SPF and DKIM pass for another domain only", "x@other-pt.com", "a@c11-pt.com", "other-pt.com", false, "fail", "reject"),
        new Case("DMARC record lookup times out", "x@other-pt.com", "a@c12-pt.com", null, false, "temperror", "none"),
        new Case("pct=0, p=reject: sampled out", "x@other-pt.com", "a@c13-pt.com", null, false, "fail", "quarantine"),
        new Case("strict both (adkim=s aspf=s), DKIM d= same domain, SPF for subdomain", "x@bounce.c14-pt.com", "a@c14-pt.com", "c14-pt.com", false, "pass", "none"),
        new Case("invalid p= (RFC 7489 section 6.6.3: p=none assumed when rua is valid)", "x@other-pt.com", "a@c15-pt.com", null, false, "fail", "none",
            // rspamd reports the record as bad (permerror); neither enforces anything.
            "permerror/none"),
        new Case("record without v=DMARC1 first: no policy", "x@other-pt.com", "a@c16-pt.com", null, false, "none", "none"),
        new Case("organizational domain's record, From a nonexistent subdomain, p=quarantine", "x@other-pt.com", "a@ghost.c17-pt.com", null, false, "fail", "quarantine"));

    @BeforeAll
    static void start() throws Exception {
        dns = LoopbackDnsServer.start();
        key = DkimKeys.generateRsa();
        String key1 = DkimKeys.txtRecord(key.getPublic());
        for (String domain : List.of("c04-pt.com", "mail.c05-pt.com", "mail.c06-pt.com", "c10-pt.com", "other-pt.com", "c14-pt.com")) {
            dns.addTxt("sel._domainkey." + domain, 300, key1);
        }
        dns.add("bounce.c01-pt.com. 300 IN TXT \"v=spf1 ip4:" + CLIENT_IP + " -all\"",
            "_dmarc.c01-pt.com. 300 IN TXT \"v=DMARC1; p=reject\"",
            "bounce.c02-pt.com. 300 IN TXT \"v=spf1 ip4:" + CLIENT_IP + " -all\"",
            "_dmarc.c02-pt.com. 300 IN TXT \"v=DMARC1; p=reject; aspf=s\"",
            "c03-pt.com. 300 IN TXT \"v=spf1 ip4:" + CLIENT_IP + " -all\"",
            "_dmarc.c03-pt.com. 300 IN TXT \"v=DMARC1; p=reject; aspf=s\"",
            "_dmarc.c04-pt.com. 300 IN TXT \"v=DMARC1; p=quarantine; adkim=s\"",
            "_dmarc.c05-pt.com. 300 IN TXT \"v=DMARC1; p=quarantine; adkim=s\"",
            "_dmarc.c06-pt.com. 300 IN TXT \"v=DMARC1; p=quarantine\"",
            "c07-pt.com. 300 IN A 192.0.2.99",
            "_dmarc.c08-pt.com. 300 IN TXT \"v=DMARC1; p=none\"",
            "news.c09-pt.com. 300 IN A 192.0.2.99",
            "_dmarc.c09-pt.com. 300 IN TXT \"v=DMARC1; p=reject; sp=quarantine\"",
            "c10-pt.com. 300 IN TXT \"v=spf1 -all\"",
            "_dmarc.c10-pt.com. 300 IN TXT \"v=DMARC1; p=reject\"",
            "other-pt.com. 300 IN TXT \"v=spf1 ip4:" + CLIENT_IP + " -all\"",
            "_dmarc.c11-pt.com. 300 IN TXT \"v=DMARC1; p=reject\"",
            "_dmarc.c13-pt.com. 300 IN TXT \"v=DMARC1; p=reject; pct=0\"",
            "bounce.c14-pt.com. 300 IN TXT \"v=spf1 ip4:" + CLIENT_IP + " -all\"",
            "_dmarc.c14-pt.com. 300 IN TXT \"v=DMARC1; p=reject; adkim=s; aspf=s\"",
            "_dmarc.c15-pt.com. 300 IN TXT \"v=DMARC1; p=bogus; rua=mailto:dmarc@c15-pt.com\"",
            "_dmarc.c16-pt.com. 300 IN TXT \"p=reject; v=DMARC1\"",
            "_dmarc.c17-pt.com. 300 IN TXT \"v=DMARC1; p=quarantine\"");
        dns.behave("_dmarc.c12-pt.com", Behaviour.TIMEOUT);

        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            rspamdPort = socket.getLocalPort();
        }
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path conf = work.resolve("rspamd.conf");
        Files.writeString(conf, """
            options {
                pidfile = "%1$s/rspamd.pid";
                filters = "dkim";
                url_tld = "${SHAREDIR}/effective_tld_names.dat";
                local_addrs = [];
                dns { nameserver = ["127.0.0.1:%2$d"]; timeout = 2s; retransmits = 1; }
            }
            logging { type = "file"; filename = "%1$s/rspamd.log"; level = "info"; }
            worker "normal" { bind_socket = "127.0.0.1:%3$d"; count = 1; }
            lua = "$RULESDIR/rspamd.lua";
            modules { path = "$PLUGINSDIR"; }
            spf { }
            dkim { }
            dmarc { }
            """.formatted(work, dns.port(), rspamdPort));
        List<String> command = new ArrayList<>(List.of("rspamd", "-f", "-c", conf.toString(), "--var", "DBDIR=" + work));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "_rspamd", "-g", "_rspamd"));
        }
        rspamd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("rspamd.out").toFile()).start();
        Instant deadline = Instant.now().plus(RSPAMD_START);
        while (!accepts(rspamdPort)) {
            if (!rspamd.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("rspamd (Debian package rspamd) did not listen on 127.0.0.1:" + rspamdPort
                    + " within " + RSPAMD_START.toMinutes() + " min; its output:\n" + Files.readString(work.resolve("rspamd.out")));
            }
            Thread.sleep(500);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (rspamd != null) {
            rspamd.destroy();
            if (!rspamd.waitFor(30, TimeUnit.SECONDS)) {
                rspamd.destroyForcibly();
            }
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void posternsDmarcResultsAndDispositionsAgreeWithRspamd() throws Exception {
        MessageAuthenticator postern = new MessageAuthenticator(
            DnsjavaResolver.builder().servers(dns.address()).timeout(Duration.ofSeconds(2)).build(),
            InboundPolicy.read(k -> k.equals(InboundPolicy.AUTHSERV_ID) ? "mx.postern.test" : null));
        List<String> table = new ArrayList<>();
        table.add("| case | expected | Postern | rspamd 3.4 | rspamd symbol |");
        table.add("|---|---|---|---|---|");
        List<String> disagreements = new ArrayList<>();
        for (Case c : CASES) {
            byte[] message = message(c);
            Path file = work.resolve(c.from().replace('@', '_') + ".eml");
            Files.write(file, message);
            AuthenticationOutcome ours = postern.message(
                postern.spf(InetAddress.getByName(CLIENT_IP), c.mailFrom(), "mail.sender.test"), message);
            String[] theirs = rspamd(file, c.mailFrom());
            String expected = c.expectedResult() + "/" + c.expectedDisposition();
            String posternAnswer = ours.dmarc().result().keyword() + "/" + ours.disposition().keyword();
            String rspamdAnswer = theirs[0];
            table.add("| " + c.name() + " | " + expected + " | " + posternAnswer + " | " + rspamdAnswer + " | " + theirs[1] + " |");
            if (!posternAnswer.equals(expected) || !rspamdAnswer.equals(c.rspamdDiffers() == null ? expected : c.rspamdDiffers())) {
                disagreements.add(c.name() + ": expected " + expected + ", Postern " + posternAnswer + " (" + ours.authenticationResults()
                    + "), rspamd " + rspamdAnswer + " (" + theirs[1] + ")");
            }
        }
        Path report = Paths.get("target", "rspamd-dmarc-comparison.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, table);
        assertThat(disagreements).as("cases where Postern or rspamd differ from the expected answer; table in " + report.toAbsolutePath()
            + "\n" + String.join("\n", table)).isEmpty();
    }

    private static byte[] message(Case c) {
        String raw = "From: " + c.from() + "\r\nTo: me@example.org\r\nSubject: " + c.name() + "\r\n"
            + "Date: Sun, 29 Nov 2026 12:00:00 +0000\r\nMessage-ID: <" + c.from().replace('@', '.') + "@postern.test>\r\n\r\nhello\r\n";
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        if (c.dkimDomain() == null) {
            return bytes;
        }
        String signature = new DkimSigner().sign(bytes, SigningConfig.builder(c.dkimDomain(), "sel", key.getPrivate()).build());
        String signed = new String(DkimSigner.prepend(List.of(signature), bytes), StandardCharsets.UTF_8);
        return (c.bodyAltered() ? signed.replace("hello", "hello, altered") : signed).getBytes(StandardCharsets.UTF_8);
    }

    static final Pattern DMARC_SYMBOL = Pattern.compile("Symbol: (DMARC_[A-Z_]+) \\([^)]*\\)(\\[[^\\n]*\\])?");

    /** rspamd's answer mapped to result/disposition, and the DMARC symbol it gave. */
    private static String[] rspamd(Path file, String mailFrom) throws Exception {
        Process rspamc = new ProcessBuilder("rspamc", "-h", "127.0.0.1:" + rspamdPort, "-t", "30", "-i", CLIENT_IP,
            "-F", mailFrom, "--helo", "mail.sender.test", file.toString()).redirectErrorStream(true).start();
        String output = new String(rspamc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rspamc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher symbol = DMARC_SYMBOL.matcher(output);
        if (!symbol.find()) {
            return new String[] {"none/none", "(no DMARC symbol)"};
        }
        String name = symbol.group(1);
        String detail = symbol.group(2) == null ? "" : symbol.group(2);
        String answer = switch (name) {
            case "DMARC_POLICY_ALLOW", "DMARC_POLICY_ALLOW_WITH_FAILURES" -> "pass/none";
            case "DMARC_POLICY_REJECT" -> "fail/reject";
            case "DMARC_POLICY_QUARANTINE" -> "fail/quarantine";
            case "DMARC_POLICY_SOFTFAIL" -> "fail/none";
            case "DMARC_NA" -> "none/none";
            case "DMARC_DNSFAIL" -> "temperror/none";
            case "DMARC_BAD_POLICY" -> "permerror/none";
            default -> "unknown/" + name;
        };
        return new String[] {answer, name + detail};
    }
}
