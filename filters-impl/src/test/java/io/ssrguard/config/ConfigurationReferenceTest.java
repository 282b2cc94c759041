package io.ssrguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference ({@code docs/configuration.md}) lists exactly the
 * properties {@link SsrGuardProperties} names, so that a property added to the
 * code without a row, or a row left behind by a removed property, fails the
 * build instead of misleading an operator.
 */
class ConfigurationReferenceTest {

    /** A table row whose first cell is a code span: {@code | `ssrguard.auth.issuer` | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");
    /** How a prefix property (a name ending in '.') appears in the reference. */
    static final String PREFIX_PLACEHOLDER = "<Name>";

    @Test
    void configurationReferenceListsExactlyThePropertiesOfSsrGuardProperties() throws IOException {
        Set<String> inCode = propertyNames();
        List<String> rows = documentedNames(Files.readString(reference(), StandardCharsets.UTF_8));
        Set<String> documented = new TreeSet<>(rows);

        Set<String> missing = new TreeSet<>(inCode);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(inCode);
        List<String> duplicates = new ArrayList<>(rows);
        documented.forEach(duplicates::remove);
        if (!missing.isEmpty() || !extra.isEmpty() || !duplicates.isEmpty()) {
            fail(reference() + " must list every property of SsrGuardProperties once, and nothing else."
                    + (missing.isEmpty() ? "" : "\n  missing (add a row with default and meaning): " + missing)
                    + (extra.isEmpty() ? "" : "\n  extra (not in SsrGuardProperties; remove the row or add the constant): " + extra)
                    + (duplicates.isEmpty() ? "" : "\n  listed more than once: " + duplicates));
        }
    }

    @Test
    void rowsAreFoundInATable() {
        String table = """
                | property | default | meaning |
                | --- | --- | --- |
                | `ssrguard.a` | `1` | one |
                |`mp.config.profile`| none | two |
                | `ssrguard.csp.http.header.<Name>` | none | three |
                Text with `ssrguard.not-a-row` in it.
                """;
        assertEquals(List.of("ssrguard.a", "mp.config.profile", "ssrguard.csp.http.header.<Name>"),
                documentedNames(table));
    }

    @Test
    void everyPropertyConstantIsCountedAndTheProfileValueIsNot() {
        Set<String> names = propertyNames();
        assertTrue(names.contains(SsrGuardProperties.PROFILE));
        assertTrue(names.contains(SsrGuardProperties.AUTH_ISSUER));
        assertTrue(names.contains(SsrGuardProperties.CSP_HTTP_HEADER_PREFIX + PREFIX_PLACEHOLDER));
        assertTrue(!names.contains(SsrGuardProperties.DEV_PROFILE), "'dev' is a profile name, not a property");
    }

    /**
     * Every public static final String of {@link SsrGuardProperties} whose value is
     * a property name (it contains a dot; {@code DEV_PROFILE} is a profile's name).
     * A prefix ({@code ssrguard.csp.http.header.}) is documented as
     * {@code ssrguard.csp.http.header.<Name>}.
     */
    static Set<String> propertyNames() {
        Set<String> names = new TreeSet<>();
        for (Field f : SsrGuardProperties.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (!Modifier.isPublic(m) || !Modifier.isStatic(m) || !Modifier.isFinal(m) || f.getType() != String.class) {
                continue;
            }
            String value;
            try {
                value = (String) f.get(null);
            } catch (IllegalAccessException e) {
                throw new AssertionError(f.getName(), e);
            }
            if (value.indexOf('.') < 0) {
                continue;
            }
            names.add(value.endsWith(".") ? value + PREFIX_PLACEHOLDER : value);
        }
        return names;
    }

    /** The first cell of every table row that is a code span, in order. */
    static List<String> documentedNames(String markdown) {
        List<String> names = new ArrayList<>();
        for (String line : markdown.split("\\R")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * {@code docs/configuration.md} at the repository root, found from the module's
     * base directory (Surefire's {@code basedir}, else the working directory, which
     * Surefire sets to the module).
     */
    static Path reference() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path file = module.resolve("..").resolve("docs").resolve("configuration.md").normalize();
        assertTrue(Files.isRegularFile(file), "the configuration reference is missing: " + file);
        return file;
    }
}
