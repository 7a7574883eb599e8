package dev.postern.dkim;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenDKIM's verifier (Debian package opendkim, 2.11.0) in its test mode: {@code opendkim -x
 * CONF -vvv -t FILE} evaluates one message and exits. Its exit status says nothing about the
 * signatures (0 for pass and fail alike: the milter accepts either); what it decided is the
 * Authentication-Results field it would have added, which {@code -vvv} prints as
 * {@code ### INSHEADER: idx=0 hname='Authentication-Results' hvalue='...'}, one
 * {@code dkim=RESULT ... header.a=ALGORITHM header.s=SELECTOR} entry per signature, top first
 * (RFC 8601 section 2.7.1). This reads one {@link Verdict} per entry.
 *
 * <p>Keys come either from a DNS server on loopback, through libunbound (which libopendkim11 is
 * built with): {@code ResolverConfiguration} names an unbound configuration forwarding every
 * name to that server and nowhere else, or from a file ({@code TestPublicKeys}, OpenDKIM's own
 * testing hook). Missing opendkim fails the test, saying what to install.
 */
public final class OpenDkim {

    public static final Path BINARY = Path.of("/usr/sbin/opendkim");
    /** One run takes well under a second; this only stops a hung process. */
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern RESULTS_FIELD =
        Pattern.compile("### INSHEADER: idx=\\d+ hname='Authentication-Results' hvalue='([^']*)'");
    private static final Pattern DKIM_ENTRY = Pattern.compile("^dkim=(\\w+)\\b.*");
    private static final Pattern PROPERTY = Pattern.compile("\\bheader\\.([a-z])=(\\S+)");

    /**
     * OpenDKIM's result for one signature.
     *
     * @param result    pass, fail, neutral, policy, permerror, temperror (RFC 8601 section 2.7.1)
     * @param algorithm {@code header.a}, e.g. ed25519-sha256
     * @param domain    {@code header.d}
     * @param selector  {@code header.s}
     * @param entry     the whole entry, with OpenDKIM's reason for anything but pass
     */
    public record Verdict(String result, String algorithm, String domain, String selector, String entry) {
    }

    private OpenDkim() {
    }

    public static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: run 'apt-get install -y opendkim' (the DKIM interop tests need OpenDKIM's "
                + "verifier; it is in the Debian test packages of ./postern test)");
        }
    }

    /**
     * OpenDKIM's verdicts on {@code message}, keys looked up in the DNS server at
     * {@code loopbackServer} ("127.0.0.1:PORT"); no other address is ever queried.
     */
    public static List<Verdict> verifyWithDns(byte[] message, String loopbackServer) throws IOException {
        String[] hostPort = loopbackServer.split(":");
        if (!hostPort[0].startsWith("127.")) {
            throw new IllegalArgumentException("only a DNS server on loopback, not " + loopbackServer);
        }
        return verify(message, dir -> {
            // libunbound: every name forwarded to the test's server. No trust anchor, so no DNSSEC
            // validation; queries leave from 127.0.0.1 only, so nothing else could be reached.
            Path unbound = Files.writeString(dir.resolve("unbound.conf"), String.join("\n",
                "server:",
                "    do-not-query-localhost: no",
                "    do-ip6: no",
                "    outgoing-interface: 127.0.0.1",
                "    module-config: \"iterator\"",
                "forward-zone:",
                "    name: \".\"",
                "    forward-addr: " + hostPort[0] + "@" + hostPort[1],
                ""));
            return "ResolverConfiguration " + unbound + "\n";
        });
    }

    /** OpenDKIM's verdicts on {@code message}, keys given as "NAME._domainkey.DOMAIN" to TXT value. */
    public static List<Verdict> verifyWithKeys(byte[] message, Map<String, String> keys) throws IOException {
        return verify(message, dir -> {
            List<String> lines = new ArrayList<>();
            keys.forEach((name, value) -> lines.add(name + " " + value));
            return "TestPublicKeys " + Files.write(dir.resolve("keys.txt"), lines) + "\n";
        });
    }

    private interface KeySource {
        /** Writes what the key source needs into {@code dir}; returns its opendkim.conf lines. */
        String configure(Path dir) throws IOException;
    }

    private static List<Verdict> verify(byte[] message, KeySource keys) throws IOException {
        requireInstalled();
        Path dir = Files.createTempDirectory("opendkim");
        try {
            Path messageFile = Files.write(dir.resolve("message.eml"), message);
            Path conf = Files.writeString(dir.resolve("opendkim.conf"), "Mode v\nSyslog no\n" + keys.configure(dir));
            Process process = new ProcessBuilder(BINARY.toString(), "-x", conf.toString(), "-vvv", "-t", messageFile.toString())
                .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(BINARY + " -t did not finish in " + TIMEOUT_SECONDS + " s: " + output);
            }
            if (process.exitValue() != 0) {
                fail(BINARY + " -t exited " + process.exitValue() + ": " + output);
            }
            return verdicts(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** The dkim entries of the Authentication-Results field in OpenDKIM's -vvv output. */
    static List<Verdict> verdicts(String output) {
        Matcher field = RESULTS_FIELD.matcher(output);
        if (!field.find()) {
            fail("opendkim -t printed no Authentication-Results field (was -vvv given?): " + output);
        }
        List<Verdict> verdicts = new ArrayList<>();
        // authserv-id; then one entry per method result (RFC 8601 section 2.2).
        for (String entry : entries(field.group(1).replaceAll("\\s+", " "))) {
            Matcher dkim = DKIM_ENTRY.matcher(entry.trim());
            if (dkim.matches()) {
                Map<String, String> properties = new HashMap<>();
                PROPERTY.matcher(entry).results().forEach(p -> properties.put(p.group(1), p.group(2)));
                verdicts.add(new Verdict(dkim.group(1), properties.get("a"), properties.get("d"), properties.get("s"), entry.trim()));
            }
        }
        return verdicts;
    }

    /**
     * The ';'-separated parts of a field value, where a ';' inside a comment or a quoted string
     * separates nothing: OpenDKIM writes {@code dkim=pass (2048-bit key; unprotected) header.d=...}.
     */
    private static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        int commentDepth = 0;
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"' && commentDepth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                commentDepth++;
            } else if (!quoted && c == ')' && commentDepth > 0) {
                commentDepth--;
            } else if (c == ';' && !quoted && commentDepth == 0) {
                entries.add(entry.toString());
                entry.setLength(0);
                continue;
            }
            entry.append(c);
        }
        entries.add(entry.toString());
        return entries;
    }
}
