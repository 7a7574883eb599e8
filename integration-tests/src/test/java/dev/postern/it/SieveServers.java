package dev.postern.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Configurations for tests where the users' Sieve scripts alone choose the folders. */
final class SieveServers {

    private static final Pattern NATIVE_FOLDERING = Pattern.compile(
        "<mailet match=\"dev\\.postern\\.matchers\\.RecipientHasDetail\" class=\"dev\\.postern\\.mailets\\.FileIntoSubaddressFolder\">.*?</mailet>",
        Pattern.DOTALL);

    private static final Pattern SPAM_VERDICT = Pattern.compile(
        "<mailet match=\"All\" class=\"dev\\.postern\\.mailets\\.score\\.ApplySpamVerdict\">.*?</mailet>", Pattern.DOTALL);

    private SieveServers() {
    }

    /**
     * A copy of the distribution's conf/ in {@code target} where the transport processor only
     * records the detail ({@code RecordSubaddress}) instead of filing by it
     * ({@code FileIntoSubaddressFolder}); fails if the shipped configuration no longer has the
     * native mailet, so the test cannot silently test something else. Spam scoring and mail
     * authentication are off: Sieve alone decides, on the message as sent.
     */
    static Path confWithoutNativeFoldering(Path target) throws IOException {
        Path source = PosternServer.distribution().resolve("conf");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Path mailetcontainer = target.resolve("mailetcontainer.xml");
        String xml = Files.readString(mailetcontainer, StandardCharsets.UTF_8);
        Matcher nativeFoldering = NATIVE_FOLDERING.matcher(xml);
        if (!nativeFoldering.find()) {
            throw new IllegalStateException("conf/mailetcontainer.xml has no FileIntoSubaddressFolder mailet to replace");
        }
        String recordOnly = nativeFoldering.replaceFirst(Matcher.quoteReplacement(
            "<mailet match=\"dev.postern.matchers.RecipientHasDetail\" class=\"dev.postern.mailets.RecordSubaddress\"/>"));
        // No spam scoring either: its greylisting and Junk would decide folders before Sieve does.
        // Nor mail authentication: its Authentication-Results and Received-SPF fields would change
        // what the vectors' size and header tests see.
        Files.writeString(mailetcontainer, SPAM_VERDICT.matcher(recordOnly).replaceAll("")
            .replace("<mailet match=\"All\" class=\"dev.postern.mailets.AddAuthenticationResults\"/>", ""), StandardCharsets.UTF_8);
        Path smtp = target.resolve("smtpserver.xml");
        Files.writeString(smtp, Files.readString(smtp, StandardCharsets.UTF_8)
            .replace("<handler class=\"dev.postern.smtp.ScoringHook\"/>", "")
            .replace("<handler class=\"dev.postern.smtp.AuthenticationHook\"/>", ""), StandardCharsets.UTF_8);
        return target;
    }
}
