package dev.postern.score.config;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import dev.postern.score.Action;
import dev.postern.score.composite.Composite;
import dev.postern.score.composite.ExpressionParser;
import dev.postern.score.composite.RemovalPolicy;
import dev.postern.score.store.ReputationStore;

/**
 * Reads a scoring configuration from XML. The format is documented in the default file,
 * {@code dev/postern/score/default-scoring.xml}. The JDK's parsers build a DOM whose elements
 * remember their line, so every error says where it is.
 */
public final class ConfigParser {

    private static final String LINE = "line";

    private final String source;
    private final Map<String, SymbolDefinition> symbols = new LinkedHashMap<>();

    private ConfigParser(String source) {
        this.source = source;
    }

    /**
     * @param source the file name, for error messages
     * @throws ConfigException saying which element of which line is wrong and how to fix it
     */
    public static ScoringConfig parse(InputStream in, String source) throws IOException {
        return new ConfigParser(source).read(document(in, source).getDocumentElement());
    }

    private ScoringConfig read(Element root) {
        if (!root.getTagName().equals("scoring")) {
            throw error(root, "the root element must be <scoring>");
        }
        Map<Action, Double> thresholds = new EnumMap<>(Action.class);
        List<Element> compositeElements = new ArrayList<>();
        RuleSettings rules = defaultRules();
        SenderLists senders = SenderLists.EMPTY;
        List<Element> profileElements = new ArrayList<>();
        for (Element child : children(root)) {
            switch (child.getTagName()) {
                case "actions" -> thresholds.putAll(actions(child));
                case "symbols" -> children(child, "symbol").forEach(this::symbol);
                case "composites" -> compositeElements.addAll(children(child, "composite"));
                case "rules" -> rules = rules(child);
                case "senders" -> senders = senders(child);
                case "domain", "user" -> profileElements.add(child);
                default -> throw unexpected(child, "actions, symbols, composites, rules, senders, domain, user");
            }
        }
        for (Element element : compositeElements) {
            double weight = number(element, "weight");
            String name = required(element, "name");
            if (symbols.containsKey(name)) {
                throw error(element, "'" + name + "' is already a symbol; give the composite its own name");
            }
            symbols.put(name, new SymbolDefinition(name, weight, element.getAttribute("description")));
        }
        List<Composite> composites = new ArrayList<>();
        for (Element element : compositeElements) {
            composites.add(composite(element));
        }
        Map<String, Profile> domains = new HashMap<>();
        Map<String, Profile> users = new HashMap<>();
        for (Element element : profileElements) {
            String name = required(element, "name").toLowerCase(Locale.ROOT);
            boolean user = element.getTagName().equals("user");
            if (user && !name.contains("@")) {
                throw error(element, "user name '" + name + "' is not an address; write name=\"alice@example.org\"");
            }
            Map<String, Profile> into = user ? users : domains;
            if (into.put(name, profile(element)) != null) {
                throw error(element, "'" + name + "' is configured twice; merge the two elements");
            }
        }
        return new ScoringConfig(symbols, thresholds, composites, rules, senders, domains, users);
    }

    private Map<Action, Double> actions(Element element) {
        Map<Action, Double> thresholds = new EnumMap<>(Action.class);
        for (Element action : children(element, "action")) {
            String name = required(action, "name");
            Action parsed = Action.parse(name)
                .filter(a -> a != Action.NO_ACTION)
                .orElseThrow(() -> error(action, "unknown action '" + name
                    + "'; use greylist, add_header, rewrite_subject, soft_reject or reject"));
            String threshold = action.getAttribute("threshold").trim();
            thresholds.put(parsed, threshold.isEmpty() || threshold.equalsIgnoreCase("none")
                ? Double.NaN : number(action, "threshold"));
        }
        return thresholds;
    }

    private void symbol(Element element) {
        String name = required(element, "name");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw error(element, "symbol name '" + name + "' may only hold letters, digits, '_', '.' and '-'");
        }
        if (symbols.put(name, new SymbolDefinition(name, number(element, "weight"), element.getTextContent().trim())) != null) {
            throw error(element, "symbol '" + name + "' is declared twice; keep one");
        }
    }

    private Composite composite(Element element) {
        String name = required(element, "name");
        String text = element.getTextContent().trim();
        if (text.isEmpty()) {
            throw error(element, "composite '" + name + "' has no expression; write it as the element text, e.g. R_SPF_FAIL &amp; R_DKIM_REJECT");
        }
        String policyText = element.getAttribute("policy");
        RemovalPolicy policy = policyText.isBlank() ? RemovalPolicy.REMOVE_WEIGHT : RemovalPolicy.parse(policyText)
            .orElseThrow(() -> error(element, "unknown policy '" + policyText + "'; use remove_weight, remove_symbol, remove_all or leave"));
        Composite composite;
        try {
            composite = new Composite(name, ExpressionParser.parse(text), policy);
        } catch (IllegalArgumentException e) {
            throw error(element, e.getMessage() + "; remember to write & as &amp; in XML");
        }
        Set<String> names = new HashSet<>();
        composite.expression().names(names);
        for (String used : names) {
            if (!symbols.containsKey(used)) {
                throw error(element, "composite '" + name + "' uses '" + used + "', which is not a declared symbol; declare it under <symbols> or fix the name");
            }
        }
        return composite;
    }

    private Profile profile(Element element) {
        Map<String, Double> weights = new HashMap<>();
        Map<Action, Double> thresholds = new EnumMap<>(Action.class);
        SenderLists senders = SenderLists.EMPTY;
        for (Element child : children(element)) {
            switch (child.getTagName()) {
                case "actions" -> thresholds.putAll(actions(child));
                case "symbols" -> {
                    for (Element symbol : children(child, "symbol")) {
                        String name = required(symbol, "name");
                        if (!symbols.containsKey(name)) {
                            throw error(symbol, "'" + name + "' is not a declared symbol; overrides may only change the weight of symbols declared at the top level");
                        }
                        weights.put(name, number(symbol, "weight"));
                    }
                }
                case "senders" -> senders = senders(child);
                default -> throw unexpected(child, "actions, symbols, senders");
            }
        }
        return new Profile(weights, thresholds, senders);
    }

    private SenderLists senders(Element element) {
        Set<String> allow = new HashSet<>();
        Set<String> block = new HashSet<>();
        for (Element child : children(element)) {
            String value = child.getTextContent().trim();
            if (value.isEmpty() || value.contains(" ")) {
                throw error(child, "write one address (alice@example.org) or domain (example.org) per element");
            }
            switch (child.getTagName()) {
                case "allow" -> allow.add(value);
                case "block" -> block.add(value);
                default -> throw unexpected(child, "allow, block");
            }
        }
        return new SenderLists(allow, block);
    }

    private static RuleSettings defaultRules() {
        return new RuleSettings(BayesSettings.DEFAULT, GreylistSettings.DEFAULT, List.of(), List.of(), List.of(),
            true, "+", Set.of(), ReputationSettings.DEFAULT);
    }

    private RuleSettings rules(Element element) {
        BayesSettings bayes = BayesSettings.DEFAULT;
        GreylistSettings greylist = GreylistSettings.DEFAULT;
        List<DnsListZone> rbl = new ArrayList<>();
        List<DnsListZone> uribl = new ArrayList<>();
        List<RateLimit> rateLimits = new ArrayList<>();
        boolean tagLeak = true;
        String delimiters = "+";
        Set<String> extensions = new HashSet<>();
        ReputationSettings reputation = ReputationSettings.DEFAULT;
        for (Element child : children(element)) {
            switch (child.getTagName()) {
                case "bayes" -> {
                    int minLearns = (int) number(child, "min-learns", BayesSettings.MIN_LEARNS_DEFAULT);
                    if (minLearns < 1) {
                        throw error(child, "min-learns must be at least 1");
                    }
                    bayes = new BayesSettings(flag(child, "enabled", true), minLearns, flag(child, "per-user", true));
                }
                case "greylist" -> greylist = new GreylistSettings(flag(child, "enabled", true),
                    duration(child, "delay", GreylistSettings.DEFAULT.delay()),
                    duration(child, "expiry", GreylistSettings.DEFAULT.expiry()),
                    prefix(child, "ipv4-prefix", GreylistSettings.DEFAULT.ipv4Prefix(), 32),
                    prefix(child, "ipv6-prefix", GreylistSettings.DEFAULT.ipv6Prefix(), 128));
                case "rbl", "uribl" -> {
                    String symbol = required(child, "symbol");
                    String zone = required(child, "zone").toLowerCase(Locale.ROOT).replaceAll("^\\.+|\\.+$", "");
                    if (!zone.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
                        throw error(child, "zone '" + zone + "' is not a domain name; write e.g. zen.spamhaus.org");
                    }
                    if (!symbols.containsKey(symbol)) {
                        throw error(child, "symbol '" + symbol + "' is not declared; add <symbol name=\"" + symbol + "\" weight=\"...\"/> under <symbols>");
                    }
                    if (flag(child, "enabled", true)) {
                        (child.getTagName().equals("rbl") ? rbl : uribl).add(new DnsListZone(symbol, zone));
                    }
                }
                case "ratelimit" -> {
                    String bucketText = required(child, "bucket");
                    RateLimit.Bucket bucket = RateLimit.Bucket.parse(bucketText)
                        .orElseThrow(() -> error(child, "unknown bucket '" + bucketText + "'; use sender, ip or user"));
                    long count = (long) number(child, "count");
                    if (count < 1) {
                        throw error(child, "count must be at least 1");
                    }
                    rateLimits.add(new RateLimit(bucket, count, duration(child, "period", null)));
                }
                case "tag-leak" -> {
                    tagLeak = flag(child, "enabled", true);
                    delimiters = child.getAttribute("delimiters").isEmpty() ? "+" : child.getAttribute("delimiters");
                }
                case "attachments" -> {
                    for (String extension : required(child, "bad-extensions").split("[\\s,]+")) {
                        if (!extension.isBlank()) {
                            extensions.add(extension.toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""));
                        }
                    }
                }
                case "reputation" -> reputation = reputation(child);
                default -> throw unexpected(child, "bayes, greylist, rbl, uribl, ratelimit, tag-leak, attachments, reputation");
            }
        }
        return new RuleSettings(bayes, greylist, rbl, uribl, rateLimits, tagLeak, delimiters, extensions, reputation);
    }

    /** {@code <reputation enabled="true" min-samples="5" max-samples="100" expiry="10d" ipv4-prefix="24" ipv6-prefix="64"/>} */
    private ReputationSettings reputation(Element element) {
        ReputationSettings defaults = ReputationSettings.DEFAULT;
        int minSamples = (int) number(element, "min-samples", defaults.minSamples());
        int maxSamples = (int) number(element, "max-samples", Math.max(defaults.maxSamples(), minSamples));
        if (minSamples < 1) {
            throw error(element, "min-samples must be at least 1");
        }
        if (maxSamples < minSamples) {
            throw error(element, "max-samples (" + maxSamples + ") must be at least min-samples (" + minSamples + ")");
        }
        if (maxSamples > ReputationStore.LIMIT_MAX) {
            throw error(element, "max-samples must be at most " + ReputationStore.LIMIT_MAX + ": more would slow every scan down");
        }
        return new ReputationSettings(flag(element, "enabled", defaults.enabled()), minSamples, maxSamples,
            duration(element, "expiry", defaults.expiry()),
            prefix(element, "ipv4-prefix", defaults.ipv4Prefix(), 32),
            prefix(element, "ipv6-prefix", defaults.ipv6Prefix(), 128));
    }

    private int prefix(Element element, String attribute, int fallback, int max) {
        int value = (int) number(element, attribute, fallback);
        if (value < 0 || value > max) {
            throw error(element, attribute + " must be between 0 and " + max);
        }
        return value;
    }

    private boolean flag(Element element, String attribute, boolean fallback) {
        String value = element.getAttribute(attribute).trim();
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw error(element, attribute + "=\"" + value + "\" is not a boolean; write true or false");
    }

    /** ISO-8601 (PT5M, P1D) or a number with a unit: 30s, 5m, 2h, 1d. */
    private Duration duration(Element element, String attribute, Duration fallback) {
        String value = element.getAttribute(attribute).trim();
        if (value.isEmpty()) {
            if (fallback == null) {
                throw error(element, "the attribute " + attribute + " is required, e.g. " + attribute + "=\"1h\"");
            }
            return fallback;
        }
        try {
            Duration duration;
            if (value.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                duration = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                duration = Duration.parse(value);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw error(element, attribute + " must be positive");
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw error(element, attribute + "=\"" + value + "\" is not a duration; write 30s, 5m, 2h, 1d or ISO-8601 such as PT5M");
        }
    }

    private double number(Element element, String attribute) {
        String value = element.getAttribute(attribute).trim();
        if (value.isEmpty()) {
            throw error(element, "the attribute " + attribute + " is required, e.g. " + attribute + "=\"1.5\"");
        }
        return number(element, attribute, Double.NaN);
    }

    private double number(Element element, String attribute, double fallback) {
        String value = element.getAttribute(attribute).trim();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value);
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw error(element, attribute + "=\"" + value + "\" is not a number; write a decimal such as 1.5 or -2");
        }
    }

    private String required(Element element, String attribute) {
        String value = element.getAttribute(attribute).trim();
        if (value.isEmpty()) {
            throw error(element, "the attribute " + attribute + " is required");
        }
        return value;
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private List<Element> children(Element parent, String expected) {
        List<Element> children = children(parent);
        for (Element child : children) {
            if (!child.getTagName().equals(expected)) {
                throw unexpected(child, expected);
            }
        }
        return children;
    }

    private ConfigException unexpected(Element element, String allowed) {
        Node parent = element.getParentNode();
        return error(element, "unknown element inside <" + parent.getNodeName() + ">; allowed here: " + allowed);
    }

    private ConfigException error(Element element, String problem) {
        Object line = element.getUserData(LINE);
        return new ConfigException(source, line instanceof Integer number ? number : 0, element.getTagName(), problem);
    }

    /** Parses with SAX so each element can remember its line, building a DOM. Doctypes are refused (no XXE). */
    private static Document document(InputStream in, String source) throws IOException {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(in, new DefaultHandler() {
                private Locator locator;
                private Node current = document;
                private final StringBuilder text = new StringBuilder();

                @Override
                public void setDocumentLocator(Locator locator) {
                    this.locator = locator;
                }

                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    flush();
                    Element element = document.createElement(qName);
                    for (int i = 0; i < attributes.getLength(); i++) {
                        element.setAttribute(attributes.getQName(i), attributes.getValue(i));
                    }
                    element.setUserData(LINE, locator == null ? 0 : locator.getLineNumber(), null);
                    current.appendChild(element);
                    current = element;
                }

                @Override
                public void endElement(String uri, String localName, String qName) {
                    flush();
                    current = current.getParentNode();
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    text.append(ch, start, length);
                }

                private void flush() {
                    if (!text.isEmpty() && current != document) {
                        current.appendChild(document.createTextNode(text.toString()));
                    }
                    text.setLength(0);
                }
            });
            return document;
        } catch (SAXParseException e) {
            throw new ConfigException(source, e.getLineNumber(), "", "not well-formed XML: " + e.getMessage()
                + " (in XML, write & as &amp; and < as &lt;)");
        } catch (SAXException | ParserConfigurationException e) {
            throw new ConfigException(source, 0, "", "cannot read the XML: " + e.getMessage());
        }
    }
}
