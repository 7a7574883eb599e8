package dev.postern.sieve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.InternetAddressException;
import org.apache.jsieve.mail.Action;
import org.apache.jsieve.mail.SieveMailException;
import org.apache.jsieve.parser.address.SieveAddressBuilder;

/** A {@link SieveMail} over a raw RFC 5322 message and an envelope, for tests. */
final class TestMail implements SieveMail {
    private final List<String[]> headers = new ArrayList<>();
    private final String body;
    private final int size;
    private final byte[] raw;
    private final String envelopeFrom;
    private final List<String> envelopeTo;
    private final Set<String> mailboxes = new HashSet<>();
    private final List<Action> actions = new ArrayList<>();

    TestMail(String raw, String envelopeFrom, List<String> envelopeTo) {
        String msg = raw.replace("\r\n", "\n");
        int split = msg.indexOf("\n\n");
        String head = split < 0 ? msg : msg.substring(0, split + 1);
        this.body = split < 0 ? "" : msg.substring(split + 2);
        this.raw = raw.getBytes(StandardCharsets.UTF_8);
        this.size = this.raw.length;
        StringBuilder current = null;
        for (String line : head.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
                current.append("\r\n").append(line);
            } else {
                if (current != null) {
                    addHeader(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            addHeader(current.toString());
        }
        this.envelopeFrom = envelopeFrom;
        this.envelopeTo = envelopeTo;
        mailboxes.add("INBOX");
    }

    private void addHeader(String field) {
        int colon = field.indexOf(':');
        if (colon > 0) {
            headers.add(new String[] {field.substring(0, colon).strip(), field.substring(colon + 1)});
        }
    }

    TestMail withMailbox(String name) {
        mailboxes.add(name);
        return this;
    }

    @Override
    public byte[] rawMessage() {
        return raw.clone();
    }

    @Override
    public boolean mailboxExists(String mailboxName) {
        return mailboxes.contains(mailboxName);
    }

    @Override
    public void setContext(SieveContext context) {
    }

    @Override
    public List<Action> getActions() {
        return actions;
    }

    @Override
    public List<String> getHeader(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                out.add(h[1]);
            }
        }
        return out;
    }

    @Override
    public List<String> getMatchingHeader(String name) {
        List<String> out = new ArrayList<>();
        for (String v : getHeader(name)) {
            String unfolded = v.replace("\r\n", "");
            out.add(DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT).strip());
        }
        return out;
    }

    @Override
    public List<String> getHeaderNames() {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            out.add(h[0]);
        }
        return out;
    }

    @Override
    public void addAction(Action action) {
        actions.add(action);
    }

    @Override
    public void executeActions() {
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public String getContentType() {
        List<String> ct = getMatchingHeader("Content-Type");
        return ct.isEmpty() ? "text/plain" : ct.get(0);
    }

    @Override
    public boolean isInBodyText(List<String> phrases) {
        String b = body.toLowerCase(Locale.ROOT);
        for (String p : phrases) {
            if (b.contains(p.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isInBodyRaw(List<String> phrases) {
        return isInBodyText(phrases);
    }

    @Override
    public boolean isInBodyContent(List<String> contentTypes, List<String> phrases) {
        return isInBodyText(phrases);
    }

    @Override
    public Address[] parseAddresses(String headerName) throws SieveMailException, InternetAddressException {
        SieveAddressBuilder builder = new SieveAddressBuilder();
        for (String v : getHeader(headerName)) {
            try {
                builder.addAddresses(v.replace("\r\n", ""));
            } catch (org.apache.jsieve.parser.generated.address.ParseException e) {
                throw new InternetAddressException(e);
            }
        }
        return builder.getAddresses();
    }

    @Override
    public List<String> getEnvelope(String name) {
        return getMatchingEnvelope(name);
    }

    @Override
    public List<String> getEnvelopeNames() {
        return List.of("from", "to");
    }

    @Override
    public List<String> getMatchingEnvelope(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "from" -> envelopeFrom == null ? List.of() : List.of(envelopeFrom);
            case "to" -> envelopeTo;
            default -> List.of();
        };
    }
}
