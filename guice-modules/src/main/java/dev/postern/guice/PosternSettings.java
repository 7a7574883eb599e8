package dev.postern.guice;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.configuration.Configuration.ConfigurationPath;

/**
 * {@code conf/postern.properties}, read as written. James's own reader of {@code .properties}
 * files splits every value at commas and keeps the first of two lines setting one key, so
 * {@code scoring.subject=[SPAM, %s] %s} would read as {@code [SPAM} and a {@code storage=cassandra}
 * appended below {@code storage=memory} would be ignored without a word. Here a value is kept
 * whole (lists are split by the code that reads them) and a key set twice stops the start with
 * an error naming it. UTF-8; syntax of {@link Properties#load(Reader)}; a missing file means
 * every default.
 */
@Singleton
public final class PosternSettings {

    static final String FILE = "conf/" + PosternModule.CONFIGURATION_NAME + ".properties";

    private final FileSystem fileSystem;
    private final ConfigurationPath configurationPath;
    private Configuration configuration;

    @Inject
    PosternSettings(FileSystem fileSystem, ConfigurationPath configurationPath) {
        this.fileSystem = fileSystem;
        this.configurationPath = configurationPath;
    }

    /** The settings, read at the first call. */
    public synchronized Configuration configuration() throws ConfigurationException {
        if (configuration == null) {
            configuration = read();
        }
        return configuration;
    }

    private Configuration read() throws ConfigurationException {
        File file;
        try {
            file = fileSystem.getFile(configurationPath.asString() + PosternModule.CONFIGURATION_NAME + ".properties");
        } catch (FileNotFoundException e) {
            return new BaseConfiguration();
        }
        if (!file.exists()) {
            return new BaseConfiguration();
        }
        try (Reader reader = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new ConfigurationException(FILE + " (" + file + "): cannot be read: " + e.getMessage(), e);
        }
    }

    /** Values whole, in a configuration without list splitting; a key given twice is refused. */
    static Configuration parse(Reader reader) throws IOException, ConfigurationException {
        List<String> repeated = new ArrayList<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key) && !repeated.contains(key)) {
                    repeated.add((String) key);
                }
                return super.put(key, value);
            }
        };
        try {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(FILE + ": " + e.getMessage() + " (a bad \\u escape?)", e);
        }
        if (!repeated.isEmpty()) {
            String others = repeated.size() > 1 ? " (so are " + String.join(", ", repeated.subList(1, repeated.size())) + ")" : "";
            throw new ConfigurationException(FILE + ", " + repeated.get(0) + ": set on more than one line" + others
                + "; keep one line per key (a list goes on one line, comma-separated)");
        }
        BaseConfiguration configuration = new BaseConfiguration();
        properties.stringPropertyNames().forEach(key -> configuration.addProperty(key, properties.getProperty(key).strip()));
        return configuration;
    }
}
