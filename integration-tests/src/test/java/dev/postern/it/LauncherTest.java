package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.SMTP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands a user types: ./postern and the distribution's bin/postern-server. */
class LauncherTest {

    record Result(int status, String output) {
    }

    static Path root() {
        return Paths.get(System.getProperty("postern.root", "..")).toAbsolutePath().normalize();
    }

    static Result run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("'%s' ended", String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), output);
    }

    static String serverScript() {
        return PosternServer.distribution().resolve("bin/postern-server").toString();
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result help = run(Map.of(), "./postern", "help");

        assertThat(help.status()).isZero();
        assertThat(help.output()).contains("run [--data DIR]", "test [--long]", "build", "help", "Postern ready");
    }

    @Test
    void unknownCommandsAndArgumentsAreClearErrors() throws Exception {
        Result unknown = run(Map.of(), "./postern", "frobnicate");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.output()).contains("postern: unknown command 'frobnicate'").contains("usage: ./postern");

        Result testArgument = run(Map.of(), "./postern", "test", "--fast");
        assertThat(testArgument.status()).isEqualTo(2);
        assertThat(testArgument.output()).contains("test: unknown argument '--fast'");

        Result serverArgument = run(Map.of(), "bash", serverScript(), "--bogus");
        assertThat(serverArgument.status()).isEqualTo(2);
        assertThat(serverArgument.output()).contains("unknown argument '--bogus'");

        Result missingData = run(Map.of(), "bash", serverScript(), "--data");
        assertThat(missingData.status()).isEqualTo(2);
        assertThat(missingData.output()).contains("--data needs a directory");
    }

    @Test
    void badSettingsAreRefusedBeforeStarting(@TempDir Path data) throws Exception {
        Result port = run(Map.of("POSTERN_SMTP_PORT", "twenty-five"), "bash", serverScript(), "--data", data.toString());
        assertThat(port.status()).isEqualTo(2);
        assertThat(port.output()).contains("POSTERN_SMTP_PORT=twenty-five is not a port number");

        Result dns = run(Map.of("POSTERN_DNS", "127.0.0.1 5353"), "bash", serverScript(), "--data", data.toString());
        assertThat(dns.status()).isEqualTo(2);
        assertThat(dns.output()).contains("POSTERN_DNS=127.0.0.1 5353: write host:port");

        Result conf = run(Map.of(), "bash", serverScript(), "--data", data.toString(), "--conf", data.resolve("nothing").toString());
        assertThat(conf.status()).isEqualTo(2);
        assertThat(conf.output()).contains("is not a directory");
    }

    @Test
    void aPortInUseIsNamed(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Result result = run(Map.of("POSTERN_IMAP_PORT", String.valueOf(taken.getLocalPort())),
                "bash", serverScript(), "--data", data.toString());

            assertThat(result.status()).isEqualTo(2);
            assertThat(result.output()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
                .contains("POSTERN_IMAP_PORT");
        }
    }

    @Test
    void anInvalidDnsPortStopsJamesWithTheReason(@TempDir Path data) throws Exception {
        PosternServer server = PosternServer.withFreePorts(data, Map.of("POSTERN_DNS", "127.0.0.1:99999"));
        try {
            server.start();
            throw new AssertionError("Postern started with POSTERN_DNS=127.0.0.1:99999");
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage()).contains("POSTERN_DNS: '127.0.0.1:99999' is not a DNS server");
        } finally {
            server.stop();
        }
    }

    /**
     * A configuration of one's own (--conf) reaches PosternModule through extensions.properties;
     * the key pair made at first start is kept; SIGTERM stops cleanly, and a restart works.
     */
    @Test
    void ownConfigurationKeyPairKeptAndCleanRestart(@TempDir Path work) throws Exception {
        Path conf = work.resolve("conf");
        PosternServer.copyConfiguration(conf);
        Files.writeString(conf.resolve("postern.properties"), "subaddress.delimiters=+-\n");
        Path data = work.resolve("data");

        PosternServer first = PosternServer.withFreePorts(data, Map.of());
        byte[] keystore;
        int firstStatus;
        try {
            startWithConf(first, conf);
            first.webAdmin().addDomain("example.org");
            first.webAdmin().addUser("me@example.org", "secret");
            try (SmtpClient smtp = SmtpClient.connect(first.port(SMTP))) {
                smtp.ehlo();
                smtp.mailFrom("a@remote.example");
                assertThat(smtp.rcptTo("me-shop@example.org")).isEqualTo(250);
                assertThat(smtp.rcptTo("me+shop@example.org")).isEqualTo(250);
                assertThat(smtp.rcptTo("me_shop@example.org")).isEqualTo(550);
            }
            keystore = Files.readAllBytes(data.resolve("conf/keystore"));
            assertThat(first.output()).anyMatch(line -> line.contains("generating a self-signed TLS key pair"));
        } finally {
            firstStatus = first.stop();
        }
        assertThat(firstStatus).as("exit status after SIGTERM").isZero();
        assertThat(first.output()).anyMatch(line -> line.contains("Postern stopped"));

        PosternServer second = PosternServer.withFreePorts(data, Map.of());
        try {
            startWithConf(second, conf);
            assertThat(sha256(Files.readAllBytes(data.resolve("conf/keystore")))).isEqualTo(sha256(keystore));
            assertThat(second.output()).noneMatch(line -> line.contains("generating a self-signed TLS key pair"));
        } finally {
            second.stop();
        }
    }

    private static void startWithConf(PosternServer server, Path conf) throws Exception {
        server.start("--conf", conf.toString());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
