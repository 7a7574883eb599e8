package dev.postern.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.postern.dns.LoopbackDnsServer;

/**
 * The Postern distribution as a user runs it: {@code docker/target/postern/bin/postern-server}
 * (James 3.8.1 + our jars in {@code extensions-jars/} + {@code conf/}), started as a separate
 * process on free loopback ports with its own data directory, stopped with SIGTERM.
 */
public final class PosternServer implements AutoCloseable {

    public enum Listener {
        SMTP, SUBMISSION, SMTPS, IMAP, IMAPS, MANAGESIEVE, WEBADMIN;

        String environmentVariable() {
            return "POSTERN_" + name() + "_PORT";
        }
    }

    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path dataDirectory;
    private final Map<Listener, Integer> ports;
    private final Map<String, String> environment;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Path outputFile;
    private Process process;
    /** The DNS server of a test that names none: no lookup may leave loopback. */
    private LoopbackDnsServer ownDns;

    private PosternServer(Path dataDirectory, Map<Listener, Integer> ports, Map<String, String> environment) {
        this.dataDirectory = dataDirectory;
        this.ports = ports;
        this.environment = environment;
        this.outputFile = dataDirectory.resolve("postern-server.out");
    }

    /** The unpacked distribution built by the docker module. */
    public static Path distribution() {
        Path dist = Paths.get(System.getProperty("postern.dist", "../docker/target/postern")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dist.resolve("bin/postern-server"))) {
            throw new IllegalStateException("no Postern distribution at " + dist + ": build it first (./postern build)");
        }
        return dist;
    }

    /** Copies the distribution's conf/ (with its folders) into {@code to}, for a test to edit and pass as --conf. */
    public static Path copyConfiguration(Path to) throws IOException {
        Path from = distribution().resolve("conf");
        List<Path> paths;
        try (var walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Path target = to.resolve(from.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(target);
            } else {
                Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    /**
     * In {@code conf}/postern.properties, replaces the line {@code line} with {@code replacement}:
     * a key set on two lines stops the start, so a test changes the line in place. Fails when the
     * line is not there (the shipped file changed under the test).
     */
    public static void replaceSetting(Path conf, String line, String replacement) throws IOException {
        Path properties = conf.resolve("postern.properties");
        String settings = Files.readString(properties);
        if (!settings.contains("\n" + line + "\n")) {
            throw new IllegalStateException(properties + " has no line '" + line + "' to replace");
        }
        Files.writeString(properties, settings.replace("\n" + line + "\n", "\n" + replacement + "\n"));
    }

    /** Sends every relayed mail of {@code conf} (RemoteDelivery in mailetcontainer.xml) to 127.0.0.1:{@code port}, e.g. an {@link SmtpSink}. */
    public static void relayOutgoingMailTo(Path conf, int port) throws IOException {
        Path mailets = conf.resolve("mailetcontainer.xml");
        String xml = Files.readString(mailets);
        String queue = "<outgoingQueue>outgoing</outgoingQueue>";
        if (!xml.contains(queue)) {
            throw new IllegalStateException(mailets + " has no RemoteDelivery " + queue + " to add a gateway to");
        }
        Files.writeString(mailets, xml.replace(queue,
            queue + "\n                <gateway>127.0.0.1</gateway>\n                <gatewayPort>" + port + "</gatewayPort>"));
    }

    /** Appends {@code lines} (keys the shipped file leaves unset) to {@code conf}/postern.properties. */
    public static void addSettings(Path conf, String lines) throws IOException {
        Files.writeString(conf.resolve("postern.properties"), "\n" + lines + "\n", StandardOpenOption.APPEND);
    }

    /**
     * @param dataDirectory the server's --data directory
     * @param extraEnvironment added to the server's environment (e.g. POSTERN_DNS)
     */
    public static PosternServer withFreePorts(Path dataDirectory, Map<String, String> extraEnvironment) throws IOException {
        Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (Listener listener : Listener.values()) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(listener, socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return new PosternServer(dataDirectory, ports, Map.copyOf(extraEnvironment));
    }

    /** Starts with postern-server's arguments (besides --data) and waits for "Postern ready". */
    public PosternServer start(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", distribution().resolve("bin/postern-server").toString(),
            "--data", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        Files.createDirectories(dataDirectory);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("POSTERN_BIND", "127.0.0.1");
        ports.forEach((listener, port) -> env.put(listener.environmentVariable(), String.valueOf(port)));
        env.put("JAVA_OPTS", "-Xms128m -Xmx768m -XX:TieredStopAtLevel=1");
        env.putAll(environment);
        if (!environment.containsKey("POSTERN_DNS")) {
            // Every lookup of James and Postern (SPF of any sender, ...) must stay on loopback:
            // a server of the test's own, knowing no names, answers them.
            if (ownDns == null) {
                ownDns = LoopbackDnsServer.start();
            }
            env.put("POSTERN_DNS", ownDns.address());
        }
        output.clear();
        process = builder.start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(ready), "postern-server-output");
        reader.setDaemon(true);
        reader.start();
        boolean isReady;
        try {
            isReady = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            isReady = false;
        }
        if (!isReady) {
            process.destroyForcibly();
            throw new IllegalStateException("Postern did not print 'Postern ready' within " + READY_TIMEOUT.toSeconds()
                + "s; its output:\n" + String.join("\n", output));
        }
        return this;
    }

    private void readOutput(CompletableFuture<Boolean> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(outputFile, StandardCharsets.UTF_8,
                 StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                file.println(line);
                if (line.contains("Postern ready")) {
                    ready.complete(true);
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ready.complete(false);
        }
    }

    public int port(Listener listener) {
        return ports.get(listener);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Every line the server printed since it was started. */
    public List<String> output() {
        return List.copyOf(output);
    }

    public WebAdmin webAdmin() {
        return new WebAdmin("http://127.0.0.1:" + port(Listener.WEBADMIN));
    }

    /** Sends SIGTERM, as Ctrl-C or a service manager does, and returns the exit status. */
    public int stop() throws InterruptedException {
        try {
            return stopServer();
        } finally {
            if (ownDns != null) {
                ownDns.close();
                ownDns = null;
            }
        }
    }

    private int stopServer() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return process == null ? 0 : process.exitValue();
        }
        // Process.destroy() would also close our end of the output pipe: the script, still
        // printing while it stops, would die of SIGPIPE. kill(1) signals and nothing more.
        try {
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -TERM " + process.pid(), e);
        }
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Postern did not stop within 90s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Resident memory of the server's JVM (the launcher script's child), in KiB, from /proc. */
    public long residentKilobytes() throws IOException {
        ProcessHandle java = jvm();
        for (String line : Files.readAllLines(Paths.get("/proc/" + java.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + java.pid() + "/status");
    }

    /** CPU time (user + system) the server's JVM has used since it started, all threads. */
    public Duration cpuTime() {
        return jvm().info().totalCpuDuration()
            .orElseThrow(() -> new IllegalStateException("the system does not tell the server JVM's CPU time"));
    }

    /** The process id of the server's JVM, e.g. to read its threads under /proc. */
    public long jvmPid() {
        return jvm().pid();
    }

    /** The server's JVM: the launcher script's child. */
    private ProcessHandle jvm() {
        return process.toHandle().children()
            .filter(child -> child.info().command().map(command -> command.endsWith("java")).orElse(false))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the server's JVM is not running"));
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static Map<String, String> environment(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
