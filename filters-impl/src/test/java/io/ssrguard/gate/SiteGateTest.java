package io.ssrguard.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ssrguard.config.MapSettings;
import io.ssrguard.signin.SignInLocation;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteGateTest {

    final SiteGate gate = new SiteGate(GateSettings.load(MapSettings.profile("test")
            .with("ssrguard.gate.public-paths", "/assets/public/*").reader(), Set.of("/auth/login", "/auth/csrf"), new SignInLocation("/login")));

    @Test
    void signedInCallersAndPublicPathsPass() {
        assertInstanceOf(SiteGate.Verdict.Pass.class, gate.decide(true, "", "/anything", "/anything", true));
        for (String open : new String[] {"/auth/login", "/auth/csrf", "/login", "/health", "/assets/public/logo.svg"}) {
            assertInstanceOf(SiteGate.Verdict.Pass.class, gate.decide(false, "", open, open, true), open);
        }
    }

    @Test
    void navigationsGoToSignInWithTheWayBackAndOthersGet401() {
        SiteGate.Verdict nav = gate.decide(false, "/shop", "/orders", "/orders?page=2&x=%2F", true);
        assertEquals(new SiteGate.Verdict.SignIn("/shop/login?returnTo=%2Forders%3Fpage%3D2%26x%3D%252F"), nav);
        assertInstanceOf(SiteGate.Verdict.Unauthorized.class, gate.decide(false, "", "/orders", "/orders", false));
        assertInstanceOf(SiteGate.Verdict.Unauthorized.class, gate.decide(false, "", "/static/app.js", "/static/app.js", false),
                "static resources are gated too");
        assertInstanceOf(SiteGate.Verdict.Unauthorized.class, gate.decide(false, "", "/loginx", "/loginx", false));
    }

    @Test
    void anOffGateLetsEveryRequestPass() {
        SiteGate off = SiteGate.off();
        assertEquals(false, off.enabled());
        assertInstanceOf(SiteGate.Verdict.Pass.class, off.decide(false, "", "/orders", "/orders", true));
        assertInstanceOf(SiteGate.Verdict.Pass.class, off.decide(false, "", "/orders", "/orders", false));
    }
}
