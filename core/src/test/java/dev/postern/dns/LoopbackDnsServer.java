package dev.postern.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A real DNS server on 127.0.0.1, over UDP and TCP on the same port, answering from records
 * the test adds in zone-file syntax. Tests make it misbehave per name: no answer (timeout),
 * SERVFAIL, or a truncated UDP answer that forces the client to repeat over TCP. Every query
 * is recorded with its transport, so a test can assert who asked what, and how.
 *
 * <pre>{@code
 * try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
 *     dns.add("example.org. 300 IN TXT \"v=spf1 -all\"");
 *     // point the code under test at dns.address()
 * }
 * }</pre>
 */
public final class LoopbackDnsServer implements AutoCloseable {

    public enum Transport { UDP, TCP }

    public enum Behaviour {
        /** Answer from the records (NXDOMAIN when the name has none of any type). */
        ANSWER,
        /** Never answer: the client times out. */
        TIMEOUT,
        /** Answer SERVFAIL. */
        SERVFAIL,
        /** Over UDP, answer with the TC bit and no records; over TCP, answer normally. */
        TRUNCATE_UDP,
        /** Answer REFUSED. */
        REFUSED
    }

    public record Query(String name, int type, Transport transport) {
        public String typeName() {
            return Type.string(type);
        }
    }

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-dns");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Map<Name, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private LoopbackDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Starts on a free port, the same for UDP and TCP. */
    public static LoopbackDnsServer start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 20; attempt++) {
            ServerSocket tcp = new ServerSocket(0, 50, loopback);
            try {
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
                LoopbackDnsServer server = new LoopbackDnsServer(udp, tcp);
                server.executor.execute(server::serveUdp);
                server.executor.execute(server::serveTcp);
                return server;
            } catch (SocketException portTakenForUdp) {
                tcp.close();
            }
        }
        throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
    }

    public int port() {
        return tcp.getLocalPort();
    }

    /** "127.0.0.1:port", the form POSTERN_DNS takes. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Adds records in zone-file syntax, one per string: "name. ttl IN TYPE rdata". */
    public LoopbackDnsServer add(String... zoneLines) {
        for (String line : zoneLines) {
            records.add(parse(line));
        }
        return this;
    }

    /**
     * Replaces the records of the same name and type as {@code zoneLine} by this one record, as a
     * zone edit would. For tests that change one answer between lookups.
     */
    /**
     * Adds a TXT record of any length, split into character-strings of at most 255 octets as
     * RFC 1035 section 3.3.14 requires (a 2048-bit DKIM key does not fit in one).
     */
    public LoopbackDnsServer addTxt(String name, long ttl, String value) {
        StringBuilder strings = new StringBuilder();
        for (int start = 0; start < value.length(); start += 255) {
            strings.append(strings.length() == 0 ? "" : " ")
                .append('"').append(value, start, Math.min(value.length(), start + 255)).append('"');
        }
        return add(name + " " + ttl + " IN TXT " + strings);
    }

    public LoopbackDnsServer replace(String zoneLine) {
        Record record = parse(zoneLine);
        records.removeIf(existing -> existing.getName().equals(record.getName()) && existing.getType() == record.getType());
        records.add(record);
        return this;
    }

    /** Removes the records of {@code name} of one type, written as in zone files ("TXT"). */
    public LoopbackDnsServer removeType(String name, String type) {
        Name absolute = name(name);
        int value = Type.value(type);
        records.removeIf(existing -> existing.getName().equals(absolute) && existing.getType() == value);
        return this;
    }

    /** Removes every record of {@code name}. */
    public LoopbackDnsServer remove(String name) {
        Name absolute = name(name);
        records.removeIf(existing -> existing.getName().equals(absolute));
        return this;
    }

    public LoopbackDnsServer behave(String name, Behaviour behaviour) {
        behaviours.put(name(name), behaviour);
        return this;
    }

    public void clear() {
        records.clear();
        behaviours.clear();
        queries.clear();
    }

    public List<Query> queries() {
        return List.copyOf(queries);
    }

    public List<Query> queriesFor(String name) {
        String absolute = name(name).toString();
        return queries.stream().filter(query -> query.name().equalsIgnoreCase(absolute)).toList();
    }

    private static Record parse(String line) {
        try {
            String[] parts = line.trim().split("\\s+", 5);
            if (parts.length < 5 || !parts[2].equalsIgnoreCase("IN")) {
                throw new IllegalArgumentException("write \"name. ttl IN TYPE rdata\", not: " + line);
            }
            return Record.fromString(name(parts[0]), Type.value(parts[3]), DClass.IN, Long.parseLong(parts[1]), parts[4], Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse DNS record: " + line + " (" + e.getMessage() + ")", e);
        }
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (running) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] answer = answer(Arrays.copyOf(packet.getData(), packet.getLength()), Transport.UDP);
                if (answer != null) {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                executor.execute(() -> serveTcpConnection(socket));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serveTcpConnection(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (running) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                byte[] answer = answer(query, Transport.TCP);
                if (answer != null) {
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (IOException endOfConnection) {
            // the client closed the connection
        }
    }

    /** The wire answer to a wire query, or null to stay silent. */
    private byte[] answer(byte[] wire, Transport transport) throws IOException {
        Message query = new Message(wire);
        Record question = query.getQuestion();
        if (question == null) {
            return null;
        }
        queries.add(new Query(question.getName().toString(), question.getType(), transport));
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        Behaviour behaviour = behaviours.getOrDefault(question.getName(), Behaviour.ANSWER);
        switch (behaviour) {
            case TIMEOUT:
                return null;
            case SERVFAIL:
                response.getHeader().setRcode(Rcode.SERVFAIL);
                return response.toWire();
            case REFUSED:
                response.getHeader().setRcode(Rcode.REFUSED);
                return response.toWire();
            case TRUNCATE_UDP:
                if (transport == Transport.UDP) {
                    response.getHeader().setFlag(Flags.TC);
                    return response.toWire();
                }
                break;
            default:
                break;
        }
        List<Record> matching = new ArrayList<>();
        boolean nameExists = false;
        for (Record record : records) {
            if (record.getName().equals(question.getName())) {
                nameExists = true;
                // A CNAME answers every type (RFC 1034 section 4.3.2 step 3a); the client follows it.
                if (record.getType() == question.getType() || question.getType() == Type.ANY
                    || record.getType() == Type.CNAME) {
                    matching.add(record);
                }
            }
        }
        if (!nameExists && records.stream().noneMatch(record -> record.getName().subdomain(question.getName()))) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        matching.forEach(record -> response.addRecord(record, Section.ANSWER));
        if (matching.isEmpty()) {
            // RFC 2308 section 3: a negative answer carries the zone's SOA, which gives its TTL.
            enclosingSoa(question.getName()).ifPresent(soa -> response.addRecord(soa, Section.AUTHORITY));
        }
        return response.toWire();
    }

    /** The SOA record added for the closest zone enclosing {@code name}, if a test added one. */
    private java.util.Optional<Record> enclosingSoa(Name name) {
        return records.stream()
            .filter(record -> record.getType() == Type.SOA && name.subdomain(record.getName()))
            .max(java.util.Comparator.comparingInt(record -> record.getName().labels()));
    }

    @Override
    public void close() {
        running = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        executor.shutdownNow();
    }
}
