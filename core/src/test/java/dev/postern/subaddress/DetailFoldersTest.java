package dev.postern.subaddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postern.subaddress.DetailFolders.Folder;
import dev.postern.subaddress.DetailFolders.Refused;

class DetailFoldersTest {

    private final DetailFolders folders = DetailFolders.defaults();

    @Test
    void filesIntoALowerCasedChildOfInbox() {
        assertThat(folders.folderFor("Shop")).isEqualTo(new Folder("INBOX.shop"));
        assertThat(folders.folderFor("my-bank_2")).isEqualTo(new Folder("INBOX.my-bank_2"));
    }

    @Test
    void keepsTheCaseWhenAsked() {
        assertThat(DetailFolders.of("Lists", false, "[A-Za-z]", 10).folderFor("Shop")).isEqualTo(new Folder("Lists.Shop"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a.b", "../Trash", "a/b", "INBOX", "inbox", "Trash", "JUNK", "sent", "Drafts",
        "a\u0000b", "a\rb", "a\nb", "tab\there", "with space", "=?utf-8?q?shop?=", "%2e%2e", "*", "%", "caf\u00e9", "\u202eevil", ""})
    void refusesHostileDetails(String detail) {
        assertThat(folders.folderFor(detail)).isInstanceOf(Refused.class);
    }

    @Test
    void refusesVeryLongDetails() {
        assertThat(folders.folderFor("a".repeat(64))).isInstanceOf(Folder.class);
        assertThat(folders.folderFor("a".repeat(65))).isEqualTo(new Refused("the detail is longer than 64 characters"));
    }

    @Test
    void saysWhichCharacterIsRefused() {
        assertThat(folders.folderFor("a.b")).isEqualTo(new Refused("the detail contains a character not allowed in folder names: '.'"));
        assertThat(folders.folderFor("a\u0001")).isEqualTo(new Refused("the detail contains a character not allowed in folder names: U+0001"));
    }

    @Test
    void refusesSettingsThatWouldLetSendersEscapeTheParent() {
        assertThatThrownBy(() -> DetailFolders.of("INBOX", true, "[a-z.]", 64))
            .hasMessageContaining("allows '.'");
        assertThatThrownBy(() -> DetailFolders.of("INBOX", true, ".", 64))
            .hasMessageContaining("would let a sender name folders outside INBOX");
        assertThatThrownBy(() -> DetailFolders.of("INBOX", true, "[a-z", 64))
            .hasMessageContaining("is not a regular expression");
        assertThatThrownBy(() -> DetailFolders.of("INBOX", true, "[a-z]", 0))
            .hasMessageContaining("positive number");
    }
}
