package io.ssrguard.faces;

import java.util.Optional;
import java.util.Set;

/**
 * Which attributes hold URLs, and which event replaces a {@code javascript:} URL in them: a link's
 * {@code href} runs on {@code click}, a form's {@code action} on {@code submit}, a button's
 * {@code formaction} on {@code click}. A {@code javascript:} URL anywhere else (a frame's {@code src},
 * an object's {@code data}) has no event that stands for it and is dropped; the policy would block it anyway.
 */
final class UrlAttribute {

    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "data", "poster",
            "background", "codebase", "cite", "longdesc", "usemap", "xlink:href", "ping");

    private UrlAttribute() {
    }

    static boolean isUrl(String attribute) {
        return URL_ATTRIBUTES.contains(attribute);
    }

    /** The event that runs a {@code javascript:} URL of this element's attribute, if one does. */
    static Optional<String> eventFor(String element, String attribute) {
        return switch (attribute) {
            case "href" -> element.equals("a") || element.equals("area") ? Optional.of("click") : Optional.empty();
            case "action" -> element.equals("form") ? Optional.of("submit") : Optional.empty();
            case "formaction" -> element.equals("button") || element.equals("input") ? Optional.of("click") : Optional.empty();
            default -> Optional.empty();
        };
    }
}
