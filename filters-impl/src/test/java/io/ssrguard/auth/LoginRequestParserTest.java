package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssrguard.http.BadRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoginRequestParserTest {

    final LoginRequestParser parser = new LoginRequestParser();

    LoginRequest parse(String type, String body) throws BadRequestException {
        return parser.parse(type, body.getBytes(StandardCharsets.UTF_8));
    }

    int status(String type, String body) {
        return assertThrows(BadRequestException.class, () -> parse(type, body)).status();
    }

    @Test
    void jsonAndFormBodiesParse() throws Exception {
        assertEquals(new LoginRequest("alice", "pw", true),
                parse("application/json; charset=UTF-8", "{\"username\":\"alice\",\"password\":\"pw\",\"rememberMe\":true}"));
        assertEquals(new LoginRequest("alice", "p&w=", false),
                parse("application/x-www-form-urlencoded", "username=alice&password=p%26w%3D"));
        assertEquals(new LoginRequest("bob", "x", true),
                parse("application/x-www-form-urlencoded", "username=bob&password=x&rememberMe=on"));
    }

    @Test
    void theSignInPagesFormCarriesReturnToAndTheCsrfField() throws Exception {
        assertEquals(new LoginRequest("alice", "pw", true, "/orders?page=2"), parse("application/x-www-form-urlencoded",
                "_csrf=abc.def&returnTo=%2Forders%3Fpage%3D2&username=alice&password=pw&rememberMe=true"));
        assertEquals(400, status("application/x-www-form-urlencoded", "username=a&password=b&returnTo=%2F&returnTo=%2Fx"),
                "a repeated returnTo is refused like any repeated field");
    }

    @Test
    void malformedBodiesAre400() {
        assertEquals(400, status("application/json", "{"));
        assertEquals(400, status("application/json", "[]"));
        assertEquals(400, status("application/json", "{\"username\":\"a\"}"));
        assertEquals(400, status("application/json", "{\"username\":\"a\",\"password\":5}"));
        assertEquals(400, status("application/json", "{\"username\":\"a\",\"password\":\"\"}"));
        assertEquals(400, status("application/json", "{\"username\":\"a\\n\",\"password\":\"b\"}"));
        assertEquals(400, status("application/json", "{\"username\":\"a\",\"password\":\"b\",\"rememberMe\":\"maybe\"}"));
        assertEquals(400, status("application/json", "{\"username\":\"" + "a".repeat(300) + "\",\"password\":\"b\"}"));
        assertEquals(400, status("application/x-www-form-urlencoded", "username=a&password=%zz"));
        assertEquals(400, status("application/x-www-form-urlencoded", "username=a&username=b&password=c"));
        assertEquals(400, assertThrows(BadRequestException.class,
                () -> parser.parse("application/json", new byte[] {'{', (byte) 0xC3, '}'})).status());
    }

    @Test
    void otherContentTypesAre415() {
        assertEquals(415, status("text/plain", "alice:pw"));
        assertEquals(415, status(null, "{}"));
    }
}
