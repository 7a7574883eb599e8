package dev.postern.sieve.body;

/** RFC 5173 section 5.3 allows HTML to be reduced to its text: tags out, common entities decoded. */
final class HtmlText {
    private HtmlText() {
    }

    static String toText(String html) {
        String s = html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1\\s*>", " ")
            .replaceAll("(?s)<!--.*?-->", " ")
            .replaceAll("(?s)<[^>]*>", " ");
        return s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
            .replaceAll("[ \\t]+", " ");
    }
}
