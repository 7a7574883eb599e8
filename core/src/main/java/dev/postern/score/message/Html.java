package dev.postern.score.message;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough HTML for scoring: the visible text and the links. Not a renderer. */
public final class Html {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern HREF = Pattern.compile("(?i)\\b(?:href|src)\\s*=\\s*[\"']?([^\"'\\s>]+)");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?]+$");
    private static final Pattern TRAILING_DOTS = Pattern.compile("\\.+$");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"'()\\[\\]]+");

    private Html() {
    }

    /** The text a reader would see: invisible elements and tags removed, common entities decoded. */
    public static String strip(String html) {
        String text = INVISIBLE.matcher(html).replaceAll(" ");
        text = TAG.matcher(text).replaceAll(" ");
        return decodeEntities(text);
    }

    static String decodeEntities(String text) {
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /** The link targets (href/src attributes) that are web URLs. */
    public static List<String> links(String html) {
        List<String> links = new ArrayList<>();
        Matcher matcher = HREF.matcher(html);
        while (matcher.find()) {
            String link = decodeEntities(matcher.group(1));
            if (link.regionMatches(true, 0, "http", 0, 4) || link.regionMatches(true, 0, "www.", 0, 4)) {
                links.add(link);
            }
        }
        return links;
    }

    /** URLs written in plain text: http(s)://... or www.... */
    public static List<String> urlsInText(String text) {
        List<String> urls = new ArrayList<>();
        Matcher matcher = URL.matcher(text);
        while (matcher.find()) {
            urls.add(TRAILING_PUNCTUATION.matcher(matcher.group()).replaceAll(""));
        }
        return urls;
    }

    /** Every URL of the message: links of the HTML parts and URLs written in the text parts. */
    public static Set<String> urls(ScannedMessage message) {
        Set<String> urls = new LinkedHashSet<>();
        for (Part part : message.parts()) {
            if (part.isHtml()) {
                urls.addAll(links(part.text()));
                urls.addAll(urlsInText(strip(part.text())));
            } else if (part.isText()) {
                urls.addAll(urlsInText(part.text()));
            }
        }
        return urls;
    }

    /** The host of a URL, lower case, without port or user info; empty when there is none. */
    public static String host(String url) {
        String rest = url.replaceFirst("(?i)^[a-z][a-z0-9+.-]*://", "");
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? "" : authority.substring(1, close).toLowerCase(java.util.Locale.ROOT);
        }
        int colon = authority.indexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        return TRAILING_DOTS.matcher(host.toLowerCase(java.util.Locale.ROOT)).replaceAll("");
    }
}
