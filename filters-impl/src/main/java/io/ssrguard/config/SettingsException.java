package io.ssrguard.config;

/**
 * A required setting is missing, malformed or too weak. The message names the
 * property and says how to fix it; thrown at start so that the deployment fails.
 */
public class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
