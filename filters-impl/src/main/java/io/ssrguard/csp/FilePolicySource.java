package io.ssrguard.csp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The policy from a file (UTF-8; trailing newline allowed), or several policies
 * by path in the form of {@link PolicyDocument}, read again only when
 * its modification time or size changed, so a refresh of an unchanged file
 * costs one {@code stat}. Changes apply at the next refresh.
 *
 * <p>Editors and deployment tools should replace the file atomically (write a
 * temporary file, then rename); a file that changes while being read is
 * refused for this refresh rather than half-read.
 */
public final class FilePolicySource implements PolicySource {

    private final Path path;
    private final int maxBytes;

    /**
     * @param path     the policy file
     * @param maxBytes larger files are refused unread
     */
    public FilePolicySource(Path path, int maxBytes) {
        this.path = path;
        this.maxBytes = maxBytes;
    }

    @Override
    public PolicyFetch fetch(String knownVersion) throws PolicySourceException {
        try {
            String before = version();
            if (before.equals(knownVersion)) {
                return PolicyFetch.notModified();
            }
            if (Files.size(path) > maxBytes) {
                throw new PolicySourceException(path + " is larger than " + maxBytes + " bytes");
            }
            byte[] bytes = Files.readAllBytes(path);
            if (!before.equals(version())) {
                throw new PolicySourceException(path + " changed while being read; trying again at the next refresh");
            }
            return PolicyDocument.parse(new String(bytes, StandardCharsets.UTF_8), before);
        } catch (NoSuchFileException e) {
            throw new PolicySourceException(path + " does not exist", e);
        } catch (IOException e) {
            throw new PolicySourceException(path + " cannot be read: " + e, e);
        }
    }

    private String version() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return attributes.lastModifiedTime().toMillis() + "-" + attributes.size();
    }

    @Override
    public String description() {
        return "file " + path;
    }
}
