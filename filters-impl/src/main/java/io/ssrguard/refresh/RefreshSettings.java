package io.ssrguard.refresh;

import static io.ssrguard.config.SsrGuardProperties.REFRESH_CREATE_SCHEMA;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_DATASOURCE;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_GRACE_WINDOW;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_IDLE_TIMEOUT;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_LIFETIME;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_PURGE_INTERVAL;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_REMEMBER_ME_LIFETIME;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_REVOCATION_POLL_INTERVAL;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_SECRET;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_STORE;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_TABLE_PREFIX;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Settings of refresh-token rotation, loaded and validated once at start.
 * Defaults live here and nowhere else.
 *
 * @param graceWindow        how long a used token is answered with its successor rather than treated as reuse
 * @param idleTimeout        lifetime of one unused token; a family unused this long ends
 * @param lifetime           absolute lifetime of a family without remember-me
 * @param rememberMeLifetime absolute lifetime of a remember-me family
 * @param store              which store keeps the families
 * @param dataSource         JNDI name of the DataSource of the JDBC store
 * @param createSchema       whether the JDBC store creates its tables on first use
 * @param tablePrefix        prefix of the JDBC store's table names
 * @param purgeInterval      how often expired and revoked rows are purged
 * @param successorKey       the HMAC key that derives successors (configured, or generated for one node)
 * @param revocationPollInterval how often this node reads the store's log of ended families
 */
public record RefreshSettings(
        Duration graceWindow,
        Duration idleTimeout,
        Duration lifetime,
        Duration rememberMeLifetime,
        StoreType store,
        String dataSource,
        boolean createSchema,
        String tablePrefix,
        Duration purgeInterval,
        SecretKey successorKey,
        Duration revocationPollInterval) {

    /** Where families and token hashes are kept. */
    public enum StoreType {
        /** In this JVM: one node, lost on restart. */
        MEMORY,
        /** In a relational database through a DataSource: shared by every node. */
        JDBC
    }

    public static final Duration DEFAULT_GRACE_WINDOW = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofDays(7);
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(14);
    public static final Duration DEFAULT_REMEMBER_ME_LIFETIME = Duration.ofDays(30);
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(1);
    /** Every node refuses a revoked family's access tokens within about this long (plus one indexed query). */
    public static final Duration DEFAULT_REVOCATION_POLL_INTERVAL = Duration.ofSeconds(1);
    /** Polling faster would be a query per node every few milliseconds for no gain a user could notice. */
    public static final Duration MIN_REVOCATION_POLL_INTERVAL = Duration.ofMillis(100);
    /** Slower polling would leave a signed-out session usable elsewhere for longer than "immediate" means. */
    public static final Duration MAX_REVOCATION_POLL_INTERVAL = Duration.ofMinutes(1);
    public static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";
    public static final String DEFAULT_TABLE_PREFIX = "ssrguard_refresh";
    /** A longer grace window would let a copied token ride along unnoticed for too long. */
    public static final Duration MAX_GRACE_WINDOW = Duration.ofMinutes(2);
    /** Bytes of a configured successor key at least; HMAC-SHA256 gains nothing from more than 64. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Logger LOG = Logger.getLogger(RefreshSettings.class.getName());

    public RefreshSettings {
        Objects.requireNonNull(graceWindow, "graceWindow");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(rememberMeLifetime, "rememberMeLifetime");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(tablePrefix, "tablePrefix");
        Objects.requireNonNull(purgeInterval, "purgeInterval");
        Objects.requireNonNull(successorKey, "successorKey");
        Objects.requireNonNull(revocationPollInterval, "revocationPollInterval");
    }

    /**
     * Reads and validates the settings; throws {@link SettingsException} naming the bad property.
     *
     * @param random generates a successor key when none is configured and one node is enough
     */
    public static RefreshSettings load(SettingsReader s, SecureRandom random) {
        Duration grace = s.duration(REFRESH_GRACE_WINDOW, DEFAULT_GRACE_WINDOW);
        if (grace.compareTo(MAX_GRACE_WINDOW) > 0) {
            throw new SettingsException(REFRESH_GRACE_WINDOW + " must be at most " + MAX_GRACE_WINDOW.toSeconds()
                    + " seconds: a used token is accepted again for that long, not " + grace.toSeconds());
        }
        Duration idle = s.positiveDuration(REFRESH_IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
        if (idle.compareTo(grace) <= 0) {
            throw new SettingsException(REFRESH_IDLE_TIMEOUT + " must be longer than " + REFRESH_GRACE_WINDOW);
        }
        Duration lifetime = s.positiveDuration(REFRESH_LIFETIME, DEFAULT_LIFETIME);
        Duration rememberMe = s.positiveDuration(REFRESH_REMEMBER_ME_LIFETIME, DEFAULT_REMEMBER_ME_LIFETIME);
        if (rememberMe.compareTo(lifetime) < 0) {
            throw new SettingsException(REFRESH_REMEMBER_ME_LIFETIME + " must not be shorter than " + REFRESH_LIFETIME);
        }
        StoreType store = storeType(s.string(REFRESH_STORE, "memory"));
        return new RefreshSettings(grace, idle, lifetime, rememberMe, store,
                s.string(REFRESH_DATASOURCE, DEFAULT_DATASOURCE),
                s.bool(REFRESH_CREATE_SCHEMA, true),
                tablePrefix(s.string(REFRESH_TABLE_PREFIX, DEFAULT_TABLE_PREFIX)),
                s.positiveDuration(REFRESH_PURGE_INTERVAL, DEFAULT_PURGE_INTERVAL),
                successorKey(s, store, random),
                revocationPollInterval(s));
    }

    /** The absolute lifetime of a new family. */
    public Duration familyLifetime(boolean rememberMe) {
        return rememberMe ? rememberMeLifetime : lifetime;
    }

    @Override
    public String toString() {
        // Never print key material (SecretKeySpec's hash code is computed from the key).
        return "RefreshSettings[graceWindow=" + graceWindow + ", idleTimeout=" + idleTimeout + ", lifetime=" + lifetime
                + ", rememberMeLifetime=" + rememberMeLifetime + ", store=" + store + ", dataSource=" + dataSource
                + ", createSchema=" + createSchema + ", tablePrefix=" + tablePrefix + ", purgeInterval=" + purgeInterval
                + ", successorKey=(hidden), revocationPollInterval=" + revocationPollInterval + "]";
    }

    private static Duration revocationPollInterval(SettingsReader s) {
        Duration interval = s.duration(REFRESH_REVOCATION_POLL_INTERVAL, DEFAULT_REVOCATION_POLL_INTERVAL);
        if (interval.compareTo(MIN_REVOCATION_POLL_INTERVAL) < 0 || interval.compareTo(MAX_REVOCATION_POLL_INTERVAL) > 0) {
            throw new SettingsException(REFRESH_REVOCATION_POLL_INTERVAL + " must be from PT0.1S to PT1M, not "
                    + interval);
        }
        return interval;
    }

    private static StoreType storeType(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "memory" -> StoreType.MEMORY;
            case "jdbc" -> StoreType.JDBC;
            default -> throw new SettingsException(REFRESH_STORE + " must be memory or jdbc, not '" + value + "'");
        };
    }

    private static String tablePrefix(String value) {
        // The prefix is pasted into SQL, so only plain identifiers; short enough for index names on every database.
        if (!JdbcCalls.isPlainPrefix(value)) {
            throw new SettingsException(REFRESH_TABLE_PREFIX + " must be a lower-case identifier (letters, digits, '_')"
                    + " of at most 40 characters, not '" + value + "'");
        }
        return value;
    }

    /** Why a deployment cannot start for want of the refresh secret, if it cannot: jdbc store, none set, outside dev. */
    public static Optional<String> missingSecret(SettingsReader s) {
        boolean jdbc = "jdbc".equals(s.string(REFRESH_STORE, "memory").trim().toLowerCase(Locale.ROOT));
        return jdbc && !s.devProfile() && s.optional(REFRESH_SECRET).isEmpty()
                ? Optional.of(missingSecretMessage()) : Optional.empty();
    }

    private static String missingSecretMessage() {
        // Nodes with different keys would hand out different successors for the same token.
        return REFRESH_SECRET + " is required with " + REFRESH_STORE + "=jdbc: every node"
                + " must derive the same successor; set the same value everywhere (openssl rand -base64 32)";
    }

    private static SecretKey successorKey(SettingsReader s, StoreType store, SecureRandom random) {
        var configured = s.optional(REFRESH_SECRET);
        if (configured.isPresent()) {
            byte[] key;
            try {
                key = SettingsReader.base64Key(configured.get());
            } catch (IllegalArgumentException e) {
                throw new SettingsException(REFRESH_SECRET + " must be Base64 (of at least " + MIN_SECRET_BYTES + " random bytes)", e);
            }
            if (key.length < MIN_SECRET_BYTES) {
                throw new SettingsException(REFRESH_SECRET + " must hold at least " + MIN_SECRET_BYTES
                        + " bytes, not " + key.length + "; generate one with: openssl rand -base64 32");
            }
            return new SecretKeySpec(key, "HmacSHA256");
        }
        if (store == StoreType.JDBC && !s.devProfile()) {
            throw new SettingsException(missingSecretMessage());
        }
        byte[] key = new byte[MIN_SECRET_BYTES];
        random.nextBytes(key);
        LOG.fine(() -> REFRESH_SECRET + " is not set; using a key generated for this node only");
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
