package dev.postern.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, for outage tests that must not stop a
 * server other tests share. {@link #cut()} closes the listener and every open connection:
 * connecting is refused, connections in use break. {@link #restore()} listens again on the same
 * port.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.start("127.0.0.1", 19200)) {
 *     // point the client at http://127.0.0.1:proxy.port()
 *     proxy.cut();      // the server is "down"
 *     proxy.restore();  // and back
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private final AtomicLong connections = new AtomicLong();

    private TcpProxy(String targetHost, int targetPort, ServerSocket listener) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    /** A proxy on a free loopback port, forwarding to {@code targetHost:targetPort}. */
    public static TcpProxy start(String targetHost, int targetPort) throws IOException {
        TcpProxy proxy = new TcpProxy(targetHost, targetPort, listen(0));
        proxy.acceptFrom(proxy.listener);
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    /** Stops listening and closes every connection. */
    public synchronized void cut() {
        closeQuietly(listener);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Listens again on the same port. */
    public synchronized void restore() throws IOException {
        if (!listener.isClosed()) {
            return;
        }
        listener = listen(port);
        acceptFrom(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(LOOPBACK, port));
        return socket;
    }

    private void acceptFrom(ServerSocket server) {
        daemon("tcp-proxy-accept-" + port, () -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    connections.incrementAndGet();
                    forward(client);
                } catch (IOException e) {
                    // closed by cut(), or a client that went away
                }
            }
        });
    }

    private void forward(Socket client) {
        open.add(client);
        Socket upstream = new Socket();
        open.add(upstream);
        daemon("tcp-proxy-connect-" + port, () -> {
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            daemon("tcp-proxy-up-" + port, () -> pump(client, upstream));
            pump(upstream, client);
        });
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed, or cut()
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
