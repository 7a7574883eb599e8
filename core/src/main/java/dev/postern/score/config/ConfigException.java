package dev.postern.score.config;

/** A scoring configuration that cannot be used; the message names the file, line and element, and the fix. */
public final class ConfigException extends IllegalArgumentException {

    private final int line;

    public ConfigException(String source, int line, String element, String problem) {
        super(source + (line > 0 ? " line " + line : "") + (element.isEmpty() ? "" : ", <" + element + ">") + ": " + problem);
        this.line = line;
    }

    /** The line of the offending element, 0 when unknown. */
    public int line() {
        return line;
    }
}
