package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void printableAsciiIsKeptAsIs() {
        assertEquals("alice@example.com /api/notes", LogSafe.printable("alice@example.com /api/notes", 64));
    }

    @Test
    void lineBreaksAndControlAndNonAsciiCharactersCannotForgeALogLine() {
        assertEquals("alice??INFO forged line?", LogSafe.printable("alice\r\nINFO forged line\u0007", 64));
        assertEquals("J?r?me", LogSafe.printable("Jérôme", 64));
    }

    @Test
    void longInputIsCutAndMarked() {
        assertEquals("abc...", LogSafe.printable("abcdef", 3));
        assertEquals("abc", LogSafe.printable("abc", 3));
        assertEquals("null", LogSafe.printable(null, 3));
    }
}
