package dev.postern.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;

/**
 * A real IMAP client (JavaMail): STARTTLS on the IMAP port, implicit TLS on IMAPS. Trusts the
 * server's self-signed certificate.
 */
public final class ImapClient implements AutoCloseable {

    private final Store store;

    private ImapClient(Store store) {
        this.store = store;
    }

    /** IMAP with STARTTLS required before LOGIN. */
    public static ImapClient startTls(int port, String user, String password) throws MessagingException {
        Properties properties = properties("imap");
        properties.put("mail.imap.starttls.enable", "true");
        properties.put("mail.imap.starttls.required", "true");
        return open("imap", properties, port, user, password);
    }

    /** IMAP without TLS: the server must refuse a plain-text LOGIN. */
    public static ImapClient plain(int port, String user, String password) throws MessagingException {
        Properties properties = properties("imap");
        properties.put("mail.imap.starttls.enable", "false");
        return open("imap", properties, port, user, password);
    }

    public static ImapClient implicitTls(int port, String user, String password) throws MessagingException {
        return open("imaps", properties("imaps"), port, user, password);
    }

    /** Timeouts, and trust in the server's self-signed certificate. */
    private static Properties properties(String protocol) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".ssl.trust", "*");
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        properties.put("mail." + protocol + ".connectiontimeout", "30000");
        properties.put("mail." + protocol + ".timeout", "30000");
        return properties;
    }

    private static ImapClient open(String protocol, Properties properties, int port, String user, String password) throws MessagingException {
        Store store = Session.getInstance(properties).getStore(protocol);
        store.connect("127.0.0.1", port, user, password);
        return new ImapClient(store);
    }

    /** A folder, to open and read directly. */
    public Folder folder(String name) throws MessagingException {
        return store.getFolder(name);
    }

    /** The full names of every folder of the user. */
    public List<String> folders() throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            names.add(folder.getFullName());
        }
        return names;
    }

    /** The raw messages of a folder, oldest first. */
    public List<String> messages(String folderName) throws Exception {
        Folder folder = store.getFolder(folderName);
        if (!folder.exists()) {
            return List.of();
        }
        folder.open(Folder.READ_ONLY);
        try {
            List<String> raw = new ArrayList<>();
            for (Message message : folder.getMessages()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                message.writeTo(bytes);
                raw.add(bytes.toString(StandardCharsets.UTF_8));
            }
            return raw;
        } finally {
            folder.close(false);
        }
    }

    /**
     * Waits until a message of the folder contains {@code text}, and returns it. A poll that fails
     * (James answers BAD to a FETCH racing a delivery into a folder it is creating) is retried;
     * the last failure is reported if the message never comes.
     */
    public String awaitMessageContaining(String folderName, String text, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception lastFailure = null;
        List<String> seen = List.of();
        while (true) {
            try {
                seen = messages(folderName);
                for (String message : seen) {
                    if (message.contains(text)) {
                        return message;
                    }
                }
            } catch (MessagingException | IOException e) {
                lastFailure = e;
            }
            if (Instant.now().isAfter(deadline)) {
                AssertionError failure = new AssertionError("no message containing '" + text + "' in " + folderName + " after "
                    + timeout.toSeconds() + "s; the folder had " + seen.size() + " message(s) at the last poll");
                if (lastFailure != null) {
                    failure.addSuppressed(lastFailure);
                }
                throw failure;
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws MessagingException {
        store.close();
    }
}
