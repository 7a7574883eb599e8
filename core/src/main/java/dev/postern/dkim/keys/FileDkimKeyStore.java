package dev.postern.dkim.keys;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.SigningAlgorithm;

/**
 * Keys as files, one folder per domain:
 * <pre>
 * ROOT/example.org/postern-rsa-202611.key          PKCS#8 PEM private key, mode 0600
 * ROOT/example.org/postern-rsa-202611.properties   algorithm, state, created, retired, txt
 * </pre>
 * Folders are created mode 0700. Files are written to a temporary name and moved into place, so
 * a reader never sees half a key. The PEM files are what OpenDKIM's KeyTable and dkimpy read.
 */
public final class FileDkimKeyStore implements DkimKeyStore {

    /** Under James's working directory, next to its other state. */
    public static final String DEFAULT_DIRECTORY = "var/dkim";

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path root;

    public FileDkimKeyStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public synchronized List<DkimKey> keys(String domain) {
        Path folder = folder(domain);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<DkimKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".properties")).toList()) {
                String selector = file.getFileName().toString().replaceFirst("\\.properties$", "");
                keys.add(read(normalize(domain), selector, file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DKIM keys in " + folder + ": " + e.getMessage(), e);
        }
        keys.sort(Comparator.comparing(DkimKey::created).thenComparing(DkimKey::algorithm).thenComparing(DkimKey::selector));
        return List.copyOf(keys);
    }

    @Override
    public synchronized Optional<DkimKey> key(String domain, String selector) {
        Path file = folder(domain).resolve(selector + ".properties");
        if (!DkimKeyStore.isValidSelector(selector) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(read(normalize(domain), selector, file));
    }

    @Override
    public synchronized void save(DkimKey key) {
        Path folder = folder(key.domain());
        try {
            createPrivateDirectory(root);
            createPrivateDirectory(folder);
            writePrivate(folder.resolve(key.selector() + ".key"), DkimKeys.privateKeyPem(key.privateKey()));
            Properties properties = new Properties();
            properties.setProperty("algorithm", key.algorithm().tagValue());
            properties.setProperty("state", key.state().name());
            properties.setProperty("created", key.created().toString());
            key.retired().ifPresent(retired -> properties.setProperty("retired", retired.toString()));
            properties.setProperty("txt", key.txtRecord());
            StringWriter text = new StringWriter();
            properties.store(text, "DKIM selector " + key.txtName() + "; the private key is " + key.selector() + ".key");
            writePrivate(folder.resolve(key.selector() + ".properties"), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the DKIM key " + key.txtName() + " in " + folder + ": " + e.getMessage()
                + "; check that the folder is writable by the user running Postern", e);
        }
    }

    @Override
    public synchronized void delete(String domain, String selector) {
        if (!DkimKeyStore.isValidSelector(selector)) {
            return;
        }
        Path folder = folder(domain);
        try {
            Files.deleteIfExists(folder.resolve(selector + ".properties"));
            Files.deleteIfExists(folder.resolve(selector + ".key"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the DKIM key " + selector + " in " + folder + ": " + e.getMessage(), e);
        }
    }

    private Path folder(String domain) {
        String name = normalize(domain);
        if (!DOMAIN.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name");
        }
        return root.resolve(name);
    }

    private static String normalize(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }

    private static DkimKey read(String domain, String selector, Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
            PrivateKey privateKey = DkimKeys.readPrivateKey(Files.readString(file.resolveSibling(selector + ".key"), StandardCharsets.US_ASCII));
            SigningAlgorithm algorithm = SigningAlgorithm.fromTag(required(properties, "algorithm", file))
                .orElseThrow(() -> new IllegalStateException(file + ": algorithm must be rsa-sha256 or ed25519-sha256"));
            return new DkimKey(domain, selector, algorithm, privateKey, required(properties, "txt", file),
                KeyState.valueOf(required(properties, "state", file)),
                Instant.parse(required(properties, "created", file)),
                Optional.ofNullable(properties.getProperty("retired")).map(Instant::parse));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DKIM key " + selector + "._domainkey." + domain + " (" + file + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the DKIM key files " + file + " and .key are damaged: " + e.getMessage()
                + "; fix or delete them, then rotate the domain's keys", e);
        }
    }

    private static String required(Properties properties, String name, Path file) {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(file + " has no " + name + "=");
        }
        return value;
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        } catch (FileAlreadyExistsException raced) {
            // made by another writer meanwhile
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(FILE_MODE));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, content, StandardCharsets.ISO_8859_1);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
