package io.ssrguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shell block a user can copy from the README and {@code docs/} is accounted for in
 * the ledger of {@code docs/testing.md} ("Documented commands and what runs them"): its first
 * command starts with a command of the ledger's first column, and that row names the test
 * or script that runs it, or says "by hand" and why. A command added to the docs without a
 * row fails the build, so the ledger cannot silently fall behind.
 *
 * <p>Shell blocks are fenced blocks tagged {@code bash}, {@code sh}, {@code shell} or
 * {@code console} (in a {@code console} block, commands follow {@code $ }); output and
 * file formats are tagged {@code text} or left untagged.
 */
class DocumentedCommandsTest {

    private static final String LEDGER_HEADING = "## Documented commands and what runs them";
    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\w*)\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final List<String> SHELL = List.of("bash", "sh", "shell", "console");

    /** A shell block's first command and where it is. */
    record Block(String file, int line, String firstCommand) {
    }

    /** A ledger row: the commands it covers and who runs them. */
    record Row(List<String> commands, String runBy) {
    }

    @Test
    void everyDocumentedShellCommandIsRunByATestOrScriptOrListedAsByHand() throws IOException {
        List<Row> ledger = ledger(Files.readString(root().resolve("docs/testing.md"), StandardCharsets.UTF_8));
        List<String> uncovered = new ArrayList<>();
        for (Path page : pages()) {
            for (Block block : shellBlocks(root().relativize(page).toString(),
                    Files.readString(page, StandardCharsets.UTF_8))) {
                if (ledger.stream().noneMatch(row -> row.commands().stream()
                        .anyMatch(c -> covers(c, block.firstCommand())))) {
                    uncovered.add(block.file() + ":" + block.line() + ": " + block.firstCommand());
                }
            }
        }
        if (!uncovered.isEmpty()) {
            fail("shell commands in the docs without a row in docs/testing.md (" + LEDGER_HEADING.substring(3)
                    + "): add one naming the test or script that runs each, or 'by hand' and why:\n  "
                    + String.join("\n  ", uncovered));
        }
    }

    @Test
    void everyLedgerRowSaysWhoRunsIt() throws IOException {
        for (Row row : ledger(Files.readString(root().resolve("docs/testing.md"), StandardCharsets.UTF_8))) {
            assertFalse(row.runBy().isBlank(), "a ledger row without 'run by': " + row.commands());
            if (row.runBy().contains("by hand")) {
                assertTrue(row.runBy().matches("(?s).*by hand[^a-z]*(only )?[(:;,].*|.*by hand.*\\(.*"),
                        "a by-hand row gives its reason: " + row);
            }
        }
    }

    @Test
    void blocksAndLedgerAreReadAsDocumented() {
        String page = """
                text
                ```bash
                # a comment first
                mvn -B verify \\
                  -Dx=y   # trailing comment
                ```
                ```console
                $ curl -s https://example/x
                {"a":1}
                ```
                ```text
                not a command
                ```
                """;
        List<Block> blocks = shellBlocks("p.md", page);
        assertEquals(List.of(new Block("p.md", 2, "mvn -B verify -Dx=y"), new Block("p.md", 7, "curl -s https://example/x")),
                blocks);
        String testing = """
                ## Documented commands and what runs them

                | documented command | page | run by |
                | --- | --- | --- |
                | `mvn -B verify`, `curl -s ... /x` | [README](x) | `SomeIT` |

                ## Next
                | `ignored` | a | b |
                """;
        List<Row> ledger = ledger(testing);
        assertEquals(1, ledger.size());
        assertTrue(covers(ledger.get(0).commands().get(0), blocks.get(0).firstCommand()));
        assertTrue(covers(ledger.get(0).commands().get(1), blocks.get(1).firstCommand()));
        assertFalse(covers("mvn -B verify", "mvn -B install"));
    }

    /** Whether a ledger command covers a documented one: a prefix, with {@code ...} or {@code …} matching anything. */
    static boolean covers(String ledgerCommand, String command) {
        String[] parts = normalise(ledgerCommand).split("\\.\\.\\.|…", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i].trim()));
            if (i < parts.length - 1) {
                regex.append(".*");
            }
        }
        return Pattern.compile("^" + regex + ".*", Pattern.DOTALL).matcher(normalise(command)).matches();
    }

    private static String normalise(String command) {
        return command.replaceAll("\\s+", " ").trim();
    }

    /** The first command of every shell block: continuation lines joined, comments and prompts dropped. */
    static List<Block> shellBlocks(String file, String page) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = page.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            String tag = open.group(1);
            int start = i + 1;
            List<String> body = new ArrayList<>();
            for (i = i + 1; i < lines.length && !FENCE.matcher(lines[i]).matches(); i++) {
                body.add(lines[i]);
            }
            if (SHELL.contains(tag)) {
                firstCommand(body, tag.equals("console")).ifPresent(c -> blocks.add(new Block(file, start, c)));
            }
        }
        return blocks;
    }

    private static Optional<String> firstCommand(List<String> body, boolean console) {
        StringBuilder command = new StringBuilder();
        for (String raw : body) {
            String line = raw.trim();
            if (command.length() == 0) {
                if (console) {
                    if (!line.startsWith("$ ")) {
                        continue;
                    }
                    line = line.substring(2);
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
            }
            line = line.replaceAll("\\s+#\\s.*$", "");
            if (line.endsWith("\\")) {
                command.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            command.append(line);
            return Optional.of(normalise(command.toString()));
        }
        return command.length() == 0 ? Optional.empty() : Optional.of(normalise(command.toString()));
    }

    /** The rows of the ledger section's tables: the code spans of the first cell, and the last cell. */
    static List<Row> ledger(String testing) {
        int start = testing.indexOf(LEDGER_HEADING);
        assertTrue(start >= 0, "docs/testing.md has the section " + LEDGER_HEADING);
        int end = testing.indexOf("\n## ", start + LEDGER_HEADING.length());
        String section = end < 0 ? testing.substring(start) : testing.substring(start, end);
        List<Row> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("|") || line.startsWith("| ---") || line.startsWith("| documented command")) {
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|", -1);
            if (cells.length < 4) {
                continue;
            }
            List<String> commands = new ArrayList<>();
            Matcher span = CODE_SPAN.matcher(cells[1]);
            while (span.find()) {
                commands.add(span.group(1));
            }
            rows.add(new Row(commands, cells[cells.length - 2].trim()));
        }
        return rows;
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(root().resolve("README.md"));
        try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        try (Stream<Path> tests = Files.list(root().resolve("arquillian-tests"))) {
            tests.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The repository root, found from the module's directory (Maven runs tests there). */
    private static Path root() {
        return ConfigurationReferenceTest.reference().getParent().getParent();
    }
}
