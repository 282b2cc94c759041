package io.ssrguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void returnToCannotCloseTheInlineScriptItIsWrittenInto() {
        String attack = "/</script><meta http-equiv=refresh content=\"0;url=https://evil.example\">";
        String quoted = Json.quote(attack);

        assertFalse(quoted.contains("<"), quoted);
        assertFalse(quoted.contains(">"), quoted);
        assertFalse(quoted.contains("/"), quoted);
        assertEquals("\"\\u002f\\u003c\\u002fscript\\u003e\\u003cmeta http-equiv=refresh content=\\\"0;url=https:"
                + "\\u002f\\u002fevil.example\\\"\\u003e\"", quoted);
    }

    @Test
    void commentOpenersAmpersandsAndJavaScriptLineSeparatorsAreEscaped() {
        assertEquals("\"\\u003c!-- \\u0026amp; \\u2028\\u2029\"", Json.quote("<!-- &amp; \u2028\u2029"));
    }

    @Test
    void ordinaryTextQuotesAndControlCharactersStayValidJson() {
        assertEquals("\"al\\\"ice\\\\ \\u000a\"", Json.quote("al\"ice\\ \n"));
        assertEquals("\"/dashboard\"".replace("/", "\\u002f"), Json.quote("/dashboard"));
    }
}
