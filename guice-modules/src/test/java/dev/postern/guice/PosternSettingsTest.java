package dev.postern.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

class PosternSettingsTest {

    @Test
    void valuesWithCommasAreKeptWhole() throws Exception {
        Configuration settings = PosternSettings.parse(new StringReader("""
            # a comment
            scoring.subject=[SPAM, score high] %s
            authentication.trusted-networks=192.0.2.0/24, 2001:db8::/32
            cassandra.replication={'class':'SimpleStrategy','replication_factor':1}
            dns.mx = mail.{domain}\s\s
            """));

        assertThat(settings.getString("scoring.subject")).isEqualTo("[SPAM, score high] %s");
        assertThat(settings.getString("authentication.trusted-networks")).isEqualTo("192.0.2.0/24, 2001:db8::/32");
        assertThat(settings.getStringArray("authentication.trusted-networks")).hasSize(1);
        assertThat(settings.getString("cassandra.replication")).isEqualTo("{'class':'SimpleStrategy','replication_factor':1}");
        assertThat(settings.getString("dns.mx")).isEqualTo("mail.{domain}");
        assertThat(settings.getString("storage", "memory")).isEqualTo("memory");
    }

    @Test
    void aKeySetTwiceIsRefusedByName() {
        assertThatThrownBy(() -> PosternSettings.parse(new StringReader("storage=memory\nopensearch.enabled=false\n"
            + "storage=cassandra\nopensearch.enabled=true\n")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("conf/postern.properties, storage: set on more than one line (so are opensearch.enabled);"
                + " keep one line per key (a list goes on one line, comma-separated)");
    }
}
