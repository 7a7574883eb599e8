package dev.postern.cli.score;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.postern.cli.Command;
import dev.postern.score.ScanContext;
import dev.postern.score.ScanResult;
import dev.postern.score.ScoringEngine;

/**
 * {@code ./postern scan [--rules FILE] FILE.eml...}: scores messages offline, one line of JSON
 * per message in rspamd's /checkv2 shape plus {@code "file"}. No SMTP context (client address,
 * HELO, envelope) is known, so greylisting never applies; Bayes has learned nothing.
 */
public final class ScanCommand implements Command {

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String usage() {
        return "[--rules FILE] FILE.eml...   score messages offline; one JSON line each (score, action, symbols)";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        String rules = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--rules")) {
                if (i + 1 >= arguments.size()) {
                    throw new IllegalArgumentException("--rules needs a file");
                }
                rules = arguments.get(++i);
            } else if (argument.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + argument);
            } else {
                files.add(Path.of(argument));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("name at least one message file");
        }
        ScoringEngine engine = ScoringEngine.builder(ScoringFiles.rules(rules)).build();
        int status = 0;
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                err.println("postern scan: " + file + ": no such readable file");
                status = 1;
                continue;
            }
            ScanResult result = engine.scan(ScoringFiles.read(file), ScanContext.ofRecipients());
            out.println(withFile(result.toJson(), file.toString()));
        }
        return status;
    }

    /** Inserts {@code "file":...} first into a result's JSON object. */
    static String withFile(String json, String file) {
        StringBuilder escaped = new StringBuilder("\"");
        for (char c : file.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return "{\"file\":" + escaped.append('"') + "," + json.substring(1);
    }
}
