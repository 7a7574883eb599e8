package dev.postern.dkim;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs dkimpy (Debian python3-dkim) through the scripts in src/test/resources/dkim/, with keys
 * given in a file instead of DNS. Missing python3-dkim fails the test, saying what to install.
 */
final class Dkimpy {

    static final String PYTHON = "/usr/bin/python3";
    /** One run of dkimpy takes well under a second (a fuzz batch, minutes); this only stops a hung interpreter. */
    private static final long TIMEOUT_SECONDS = 1800;

    /** Checked once per test JVM: each check starts an interpreter. */
    private static volatile boolean installed;

    private Dkimpy() {
    }

    static void requireInstalled() {
        if (installed) {
            return;
        }
        try {
            Process process = new ProcessBuilder(PYTHON, "-c", "import dkim, nacl").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("dkimpy is not installed for " + PYTHON + ": run 'apt-get install -y python3-dkim' "
                    + "(the DKIM interop tests need it; it is in the Debian test packages). Python said: " + output);
            }
            installed = true;
        } catch (IOException e) {
            fail(PYTHON + " cannot be run (" + e.getMessage() + "): run 'apt-get install -y python3 python3-dkim'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** dkimpy's verdict on each signature, top first: "pass", "fail" or "error reason". */
    static List<String> verify(byte[] message, Map<String, String> keys, long now) throws IOException {
        Path dir = Files.createTempDirectory("dkimpy");
        try {
            Path messageFile = Files.write(dir.resolve("message.eml"), message);
            List<String> lines = new ArrayList<>();
            keys.forEach((name, value) -> lines.add(name + " " + value));
            Path keysFile = Files.write(dir.resolve("keys.txt"), lines);
            return run("dkimpy_verify.py", messageFile.toString(), keysFile.toString(), Long.toString(now));
        } finally {
            delete(dir);
        }
    }

    /** dkimpy's verdict on every signature of every *.eml in {@code folder}: lines "FILE INDEX VERDICT". */
    static List<String> verifyFolder(Path folder, Path keys) throws IOException {
        return run("dkimpy_verify.py", folder.toString(), keys.toString());
    }

    /**
     * Writes {@code count} random cases signed by dkimpy into {@code folder} (see
     * src/test/resources/dkim/dkimpy_fuzz.py) and returns dkimpy's verdicts: lines "NNNN pass|fail".
     */
    static List<String> fuzzCases(Path folder, int count, long seed) throws IOException {
        return run("dkimpy_fuzz.py", folder.toString(), Integer.toString(count), Long.toString(seed));
    }

    /**
     * A DKIM-Signature field made by dkimpy, ending in CRLF.
     *
     * @param key PKCS#8 PEM for rsa-sha256, the base64 32-octet seed for ed25519-sha256
     */
    static String sign(byte[] message, String key, String algorithm, String selector, String domain, String canonicalization, long now)
        throws IOException {
        Path dir = Files.createTempDirectory("dkimpy");
        try {
            Path messageFile = Files.write(dir.resolve("message.eml"), message);
            Path keyFile = Files.writeString(dir.resolve("key"), key);
            List<String> out = run("dkimpy_sign.py", messageFile.toString(), keyFile.toString(), algorithm, selector, domain,
                canonicalization, Long.toString(now));
            return String.join("\r\n", out) + "\r\n";
        } finally {
            delete(dir);
        }
    }

    private static List<String> run(String script, String... arguments) throws IOException {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of(PYTHON, script(script).toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        try {
            byte[] stdout = process.getInputStream().readAllBytes();
            byte[] stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(script + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                fail(script + " exited " + process.exitValue() + ": " + new String(stderr, StandardCharsets.UTF_8));
            }
            String text = new String(stdout, StandardCharsets.ISO_8859_1);
            return List.of(text.split("\r?\n"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Path script(String name) {
        try {
            return Path.of(Dkimpy.class.getResource("/dkim/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("src/test/resources/dkim/" + name + " is missing", e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
