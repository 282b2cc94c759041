package io.ssrguard.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the pack's settings, and the rule that refuses any other name in
 * its namespace: a misspelt property ({@code ssrguard.csrf.enabeld=true}) would
 * otherwise be ignored and leave its feature at the default, as Tomcat's
 * {@code FilterBase} refuses an unknown init-param for the same reason.
 *
 * <p>A name is checked as it is written in its source: with a MicroProfile
 * profile prefix ({@code %prod.ssrguard.auth.issuer}) and in the
 * environment-variable form MicroProfile Config maps to a property
 * ({@code SSRGUARD_CSRF_ENABLED}, {@code _PROD_SSRGUARD_CSRF_ENABLED}). The known
 * names are the constants of {@link SsrGuardProperties}; a constant ending in
 * {@code .} names a family whose members add a suffix of their own
 * ({@code ssrguard.csp.http.header.Authorization}).
 */
public final class SettingNames {

    private static final String NAMESPACE = "ssrguard.";
    private static final String ENV_NAMESPACE = "SSRGUARD_";

    private final Set<String> exact;
    private final List<String> families;

    /**
     * @param known names; one ending in {@code .} is the prefix of a family
     */
    public SettingNames(Collection<String> known) {
        this.exact = new TreeSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String name : known) {
            (name.endsWith(".") ? prefixes : exact).add(name);
        }
        this.families = List.copyOf(prefixes);
    }

    /** Every name in {@link SsrGuardProperties}, so that a property added there is known at once. */
    public static SettingNames ofPack() {
        List<String> known = new ArrayList<>();
        for (Field field : SsrGuardProperties.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (value.startsWith(NAMESPACE) || value.equals(SsrGuardProperties.PROFILE)) {
                        known.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new SettingNames(known);
    }

    /**
     * Whether a name, as written in a configuration source, is meant for the pack:
     * {@code ssrguard.*} in any letter case, with or without a {@code %profile.} prefix,
     * or its environment-variable form.
     */
    public static boolean inNamespace(String written) {
        Written w = Written.of(written);
        return w.env()
                ? w.bare().toUpperCase(Locale.ROOT).startsWith(ENV_NAMESPACE)
                : w.bare().regionMatches(true, 0, NAMESPACE, 0, NAMESPACE.length());
    }

    /** Whether the pack reads this name (profile prefix and environment form allowed). */
    public boolean known(String written) {
        Written w = Written.of(written);
        if (w.env()) {
            String bare = w.bare().toUpperCase(Locale.ROOT);
            return exact.stream().anyMatch(n -> envForm(n).equals(bare))
                    || families.stream().map(SettingNames::envForm)
                    .anyMatch(f -> bare.startsWith(f) && bare.length() > f.length());
        }
        return exact.contains(w.bare())
                || families.stream().anyMatch(f -> w.bare().startsWith(f) && w.bare().length() > f.length());
    }

    /**
     * Refuses unknown names, all of them in one message, each with the closest known
     * name in the same form.
     *
     * @throws SettingsException naming every unknown name
     */
    public void requireKnown(Collection<String> written) {
        List<String> problems = new TreeSet<>(written).stream()
                .filter(name -> !known(name))
                .map(name -> name + " — did you mean " + closest(name) + "?")
                .toList();
        if (!problems.isEmpty()) {
            throw new SettingsException("unknown setting" + (problems.size() > 1 ? "s " : " ")
                    + String.join("; ", problems) + " (SSR Guard refuses names it does not read, so that a misspelt"
                    + " setting cannot leave a feature at its default; the configuration reference lists every name)");
        }
    }

    /** The known name nearest to an unknown one, written in the same form (profile prefix, environment variable). */
    String closest(String written) {
        Written w = Written.of(written);
        String target = w.env() ? w.bare().toUpperCase(Locale.ROOT) : w.bare().toLowerCase(Locale.ROOT);
        List<String> candidates = new ArrayList<>(exact);
        for (String family : families) {
            candidates.add(family + suffix(w.bare(), family, w.env()));
        }
        String best = candidates.stream()
                .min(Comparator.<String>comparingInt(c -> distance(target, w.env() ? envForm(c) : c.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
        return w.env() ? w.prefix() + envForm(best) + " (" + best + ")" : w.prefix() + best;
    }

    /** The part of a family member after the family's prefix, found by counting separators. */
    private static String suffix(String bare, String family, boolean env) {
        char separator = env ? '_' : '.';
        long separators = (env ? envForm(family) : family).chars().filter(c -> c == separator).count();
        int at = -1;
        for (int i = 0; i < separators; i++) {
            at = bare.indexOf(separator, at + 1);
            if (at < 0) {
                return "<name>";
            }
        }
        String rest = bare.substring(at + 1);
        return rest.isEmpty() ? "<name>" : rest;
    }

    /** MicroProfile Config's environment form of a property: non-alphanumerics become {@code _}, upper case. */
    public static String envForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * A name split into its profile prefix ({@code %prod.} or {@code _PROD_}, else empty) and the
     * rest; {@code env} when it is in the environment-variable form (no dots).
     */
    private record Written(String prefix, String bare, boolean env) {

        static Written of(String name) {
            if (name.startsWith("%")) {
                int dot = name.indexOf('.');
                return dot < 0 ? new Written("", name, false) : new Written(name.substring(0, dot + 1), name.substring(dot + 1), false);
            }
            if (name.indexOf('.') >= 0) {
                return new Written("", name, false);
            }
            String upper = name.toUpperCase(Locale.ROOT);
            int at = upper.indexOf("_" + ENV_NAMESPACE);
            if (upper.startsWith("_") && at > 0) {
                return new Written(name.substring(0, at + 1), name.substring(at + 1), true);
            }
            return new Written("", name, true);
        }
    }
}
