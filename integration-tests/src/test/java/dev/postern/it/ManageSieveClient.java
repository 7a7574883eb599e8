package dev.postern.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A small ManageSieve client (RFC 5804) as sieve-connect or Thunderbird's add-on speak it:
 * greeting, STARTTLS, AUTHENTICATE "PLAIN", PUTSCRIPT with a literal, SETACTIVE, LISTSCRIPTS.
 * Each command returns the server's whole response, its last line being OK, NO or BYE.
 * Trusts the server's self-signed certificate.
 */
public final class ManageSieveClient implements AutoCloseable {

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private final List<String> greeting;

    private ManageSieveClient(Socket socket) throws IOException {
        use(socket);
        this.greeting = readResponse();
    }

    /** Connects and reads the greeting (the capabilities). */
    public static ManageSieveClient connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        return new ManageSieveClient(socket);
    }

    /** Connects, STARTTLS, AUTHENTICATE "PLAIN"; fails unless each step is OK. */
    public static ManageSieveClient login(int port, String user, String password) throws Exception {
        ManageSieveClient client = connect(port);
        client.startTls();
        List<String> auth = client.authenticate(user, password);
        if (!isOk(auth)) {
            client.close();
            throw new IOException("AUTHENTICATE refused: " + auth);
        }
        return client;
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    public List<String> greeting() {
        return greeting;
    }

    public void startTls() throws IOException, GeneralSecurityException {
        List<String> response = command("STARTTLS");
        if (!isOk(response)) {
            throw new IOException("STARTTLS refused: " + response);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        secure.setSoTimeout(30_000);
        secure.startHandshake();
        use(secure);
    }

    public List<String> authenticate(String user, String password) throws IOException {
        String initial = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTHENTICATE \"PLAIN\" \"" + initial + "\"");
    }

    public List<String> capability() throws IOException {
        return command("CAPABILITY");
    }

    /** PUTSCRIPT with a non-synchronizing literal ({n+}); line ends become CRLF. */
    public List<String> putScript(String name, String script) throws IOException {
        String crlf = script.replace("\r\n", "\n").replace("\n", "\r\n");
        byte[] octets = crlf.getBytes(StandardCharsets.UTF_8);
        return command("PUTSCRIPT \"" + name + "\" {" + octets.length + "+}\r\n" + crlf);
    }

    public List<String> setActive(String name) throws IOException {
        return command("SETACTIVE \"" + name + "\"");
    }

    public List<String> listScripts() throws IOException {
        return command("LISTSCRIPTS");
    }

    public List<String> command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readResponse();
    }

    private List<String> readResponse() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("OK") || line.startsWith("NO") || line.startsWith("BYE")) {
                return lines;
            }
        }
        throw new IOException("connection closed; read " + lines);
    }

    public static boolean isOk(List<String> response) {
        return !response.isEmpty() && response.get(response.size() - 1).startsWith("OK");
    }

    @Override
    public void close() throws IOException {
        try {
            command("LOGOUT");
        } catch (IOException e) {
            // already closed
        } finally {
            socket.close();
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
