package io.ssrguard.csrf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsrfTokenJsonTest {

    static final Instant AT = Instant.ofEpochMilli(1_772_359_200_123L);

    @Test
    void writesTheDocumentedFieldsInOrder() {
        CsrfToken t = new CsrfToken(AT, CsrfPurpose.SSR, "salt", "0123456789abcdef", "fam");
        assertEquals("{\"d\":1772359200123,\"p\":\"ssr\",\"s\":\"salt\",\"ua\":\"0123456789abcdef\",\"sid\":\"fam\"}",
                CsrfTokenJson.write(t));
        assertEquals("{\"d\":1772359200123,\"p\":\"client\",\"s\":\"salt\",\"ua\":\"0123456789abcdef\"}",
                CsrfTokenJson.write(new CsrfToken(AT, CsrfPurpose.CLIENT, "salt", "0123456789abcdef", null)));
    }

    @Test
    void roundTripsAwkwardSessionIdsAndAgreesWithAGeneralParser() throws Exception {
        for (String sid : List.of("plain", "quote\"back\\slash", "tab\tnew\nline", "ünïcødé ✓", "\u0001")) {
            CsrfToken t = new CsrfToken(AT, CsrfPurpose.CLIENT, "s", "u", sid);
            String json = CsrfTokenJson.write(t);
            assertEquals(t, CsrfTokenJson.read(json));
            Map<String, Object> general = JSONObjectUtils.parse(json);
            assertEquals(sid, general.get("sid"));
        }
    }

    @Test
    void readsOtherSerialisersSpellings() {
        CsrfToken t = CsrfTokenJson.read(" {\n \"ua\" : \"u\", \"sid\": \"a\\u0062c\\/\", \"extra\": [1], \"s\":\"s\", \"p\":\"ssr\", \"d\": 5 } "
                .replace("[1]", "true"));
        assertEquals(new CsrfToken(Instant.ofEpochMilli(5), CsrfPurpose.SSR, "s", "u", "abc/"), t);
        assertNull(CsrfTokenJson.read("{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\",\"sid\":null,\"v\":1.5e3}").sessionId());
        assertNull(CsrfTokenJson.read("{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\",\"sid\":\"\"}").sessionId());
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : List.of("", "{", "{}", "[]", "null",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\"}",
                "{\"d\":5,\"p\":\"root\",\"s\":\"s\",\"ua\":\"u\"}",
                "{\"d\":5.5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\"}",
                "{\"d\":-5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\"}",
                "{\"d\":1234567890123456,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\"}",
                "{\"d\":5,\"d\":6,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\"}",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\",\"sid\":\"a\",\"sid\":\"b\"}",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\",\"x\":{}}",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\",\"x\":[]}",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\"} x",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\",}",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\\x\"}",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\\u12\"}",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u\n\"}",
                "{\"d\":5,\"p\":\"ssr\",\"s\":\"s\",\"ua\":\"u")) {
            assertThrows(IllegalArgumentException.class, () -> CsrfTokenJson.read(bad), bad);
        }
    }
}
