package dev.postern.score;

import java.util.Objects;

/**
 * How the mail server applies the verdicts, besides the rules: read from
 * {@code conf/postern.properties} (keys in {@code scoring.*}) by the James adapters.
 *
 * @param junkFolder where "add header" delivers, and the folder whose moves teach Bayes
 * @param trashFolder moving a message out of Junk into this folder teaches nothing (deleting is no ham vote)
 * @param scanAuthenticated whether mail from authenticated clients (submission) is scanned
 * @param subjectTemplate the subject of "rewrite subject", {@code %s} standing for the original
 */
public record ScoringOptions(String junkFolder, String trashFolder, boolean scanAuthenticated, String subjectTemplate) {

    /** rspamd's default subject for "rewrite subject". */
    public static final String DEFAULT_SUBJECT = "*** SPAM *** %s";
    public static final ScoringOptions DEFAULT = new ScoringOptions("Junk", "Trash", false, DEFAULT_SUBJECT);

    /** Mail attributes the SMTP hook leaves for the mailet, so that a message is scanned once. */
    public static final String ACTION_ATTRIBUTE = "dev.postern.score.action";
    public static final String SCORE_ATTRIBUTE = "dev.postern.score.score";
    public static final String SYMBOLS_ATTRIBUTE = "dev.postern.score.symbols";
    public static final String JSON_ATTRIBUTE = "dev.postern.score.json";

    /**
     * Mail attributes read for {@link AuthResults}, as the SPF, DKIM and DMARC adapters set
     * them: result words of RFC 8601 ("pass", "fail", ...); absent reads as "none".
     */
    public static final String SPF_ATTRIBUTE = "dev.postern.spf.result";
    public static final String DKIM_ATTRIBUTE = "dev.postern.dkim.result";
    public static final String DMARC_ATTRIBUTE = "dev.postern.dmarc.result";
    public static final String DMARC_POLICY_ATTRIBUTE = "dev.postern.dmarc.policy";

    public ScoringOptions {
        if (junkFolder == null || junkFolder.isBlank()) {
            throw new IllegalArgumentException("the Junk folder name is empty; set scoring.junk.folder, e.g. Junk");
        }
        Objects.requireNonNull(trashFolder, "trashFolder");
        if (subjectTemplate == null || !subjectTemplate.contains("%s")) {
            throw new IllegalArgumentException("the subject template '" + subjectTemplate
                + "' lacks %s (the original subject); e.g. " + DEFAULT_SUBJECT);
        }
    }

    /** The subject of "rewrite subject" for {@code original} (empty when the message has none). */
    public String rewriteSubject(String original) {
        return subjectTemplate.replace("%s", original == null ? "" : original);
    }
}
