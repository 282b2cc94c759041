package io.ssrguard.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandlerScriptTest {

    @Test
    void eventHandlerAttributesAreOnFollowedByLettersInAnyCase() {
        assertTrue(HandlerScript.isEventHandler("onclick"));
        assertTrue(HandlerScript.isEventHandler("onChange"));
        assertTrue(HandlerScript.isEventHandler("ONKEYUP"));
        assertFalse(HandlerScript.isEventHandler("on"));
        assertFalse(HandlerScript.isEventHandler("on-click"));
        assertFalse(HandlerScript.isEventHandler("data-onclick"));
        assertFalse(HandlerScript.isEventHandler("action"));
        assertFalse(HandlerScript.isEventHandler(null));
        assertEquals("change", HandlerScript.eventOf("onChange"));
    }

    @Test
    void javascriptUrlsAreFoundAsBrowsersFindThemAndDecoded() {
        assertEquals(Optional.of("go()"), HandlerScript.javascriptUrl("javascript:go()"));
        assertEquals(Optional.of("alert('a b')"), HandlerScript.javascriptUrl(" \u0001JavaScript:%61lert(%27a%20b%27)"));
        assertEquals(Optional.of("x+1"), HandlerScript.javascriptUrl("java\tscr\nipt:x+1"), "a plus stays a plus");
        assertEquals(Optional.of("%zz"), HandlerScript.javascriptUrl("javascript:%zz"), "a malformed escape stays");
        assertEquals(Optional.empty(), HandlerScript.javascriptUrl("#"));
        assertEquals(Optional.empty(), HandlerScript.javascriptUrl("/track?javascript:x"));
        assertEquals(Optional.empty(), HandlerScript.javascriptUrl(null));
    }

    @Test
    void anEmptyUpdateHasNoTextAndAPageStillGetsTheRegistryAndHook() {
        HandlerScript script = new HandlerScript();
        assertTrue(script.isEmpty());
        assertEquals("", script.updateText());
        String page = script.pageText("n0nce");
        assertTrue(page.contains("window.ssrguardFaces="), page);
        assertTrue(page.endsWith("(\"n0nce\");"), "the hook knows the page's nonce: " + page);
    }

    @Test
    void anUpdatesScriptReplacesTheHandlersOfItsElementsThroughThePagesRegistry() {
        HandlerScript script = new HandlerScript();
        script.addHandler("f:go", "a", "click", "go()");
        script.addHandler("f:go", "a", "focus", "look()");
        String update = script.updateText();
        assertTrue(update.startsWith("(function(){var r=window.ssrguardFaces;if(!r){return;}"), update);
        assertEquals(1, update.split("r.clear\\(\"f:go\"\\);", -1).length - 1, "each id cleared once: " + update);
        assertTrue(update.indexOf("r.clear") < update.indexOf("on(\"f:go\""), "cleared before registered: " + update);
        assertFalse(update.contains("addEventListener"), "the page's registry listens: " + update);
        assertTrue(script.isEmpty(), "taken");
        assertEquals("", script.updateText());
    }

    @Test
    void handlersAreRegisteredByIdAndListenedToOncePerEventType() {
        HandlerScript script = new HandlerScript();
        script.addHandler("f:go", "a", "click", "mojarra.ab(this,event,'action',0,0);return false");
        script.addHandler("f:other", "input", "click", "x()");
        script.addUrl("f:go", "a", "click", "go()");
        String text = script.pageText("n");
        assertTrue(text.contains("on(\"f:go\",\"click\",function(event){"), text);
        assertTrue(text.contains("mojarra.ab(this,event,'action',0,0);return false"), "the code is unchanged: " + text);
        assertTrue(text.contains("go()\n;return false;"), "a javascript: URL never navigates: " + text);
        assertEquals(2, text.split("document.addEventListener\\(t,", -1).length - 1,
                "one bubbling and one capturing listener, added with a type's first handler: " + text);
    }

    @Test
    void codeCannotEndTheScriptElementAndIdsAreEscaped() {
        HandlerScript script = new HandlerScript();
        script.addHandler("a\"</script><b", "a", "click", "x('</SCRIPT><img src=x>'); y('<!--')");
        String text = script.pageText("n");
        assertFalse(text.toLowerCase().contains("</script"), text);
        assertFalse(text.contains("<!--"), text);
        assertTrue(text.contains("x('<\\/SCRIPT><img src=x>')"), text);
        assertTrue(text.contains("\"a\\u0022\\u003c\\u002fscript\\u003e\\u003cb\""), text);
    }

    @Test
    void bodyHandlersOfWindowEventsListenOnTheWindow() {
        HandlerScript script = new HandlerScript();
        script.addHandler("b", "body", "load", "init()");
        script.addHandler("b", "body", "click", "clicked()");
        String text = script.pageText("n");
        assertTrue(text.contains("w(\"load\",function(event){"), text);
        assertTrue(text.contains("on(\"b\",\"click\""), "other body events stay on the body: " + text);
    }

    @Test
    void eventNamesAreLettersOnly() {
        assertThrows(IllegalArgumentException.class, () -> new HandlerScript().addHandler("a", "a", "cl\"ick", "x()"));
    }
}
