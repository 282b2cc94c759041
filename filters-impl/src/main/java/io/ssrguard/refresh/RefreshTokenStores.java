package io.ssrguard.refresh;

import static io.ssrguard.config.SsrGuardProperties.REFRESH_DATASOURCE;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_SECRET;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_STORE;

import io.ssrguard.config.ApplicationServices;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Chooses the refresh-token store: the application's own {@link RefreshTokenStore}
 * when it registered one in {@code META-INF/services/io.ssrguard.refresh.RefreshTokenStore},
 * else the built-in one that {@code ssrguard.refresh.store} names.
 *
 * <p>The application's store wins even over an explicit {@code ssrguard.refresh.store}:
 * code shipped inside the WAR is a deliberate choice, while a store setting is often a
 * shared, environment-wide default. The ignored settings are named in a WARNING, so the
 * conflict is visible without stopping a deployment that works as its code says.
 */
public final class RefreshTokenStores {

    private static final Logger LOG = Logger.getLogger(RefreshTokenStores.class.getName());
    /** Settings that only choose or configure a built-in store, so an application's store makes them moot. */
    private static final List<String> BUILT_IN_STORE_SETTINGS = List.of(REFRESH_STORE, REFRESH_DATASOURCE);

    private RefreshTokenStores() {
    }

    /**
     * @param dataSources looks a DataSource up by JNDI name; called only for the built-in {@code jdbc} store
     * @throws SettingsException naming the bad setting, or when the application registered more than one store
     */
    public static RefreshTokenStore choose(SettingsReader settings, RefreshSettings refresh,
                                           ClassLoader applicationClassLoader,
                                           Function<String, DataSource> dataSources) {
        var own = ApplicationServices.one(RefreshTokenStore.class, applicationClassLoader);
        if (own.isPresent()) {
            String name = own.get().getClass().getName();
            List<String> ignored = BUILT_IN_STORE_SETTINGS.stream()
                    .filter(p -> settings.optional(p).isPresent()).toList();
            if (!ignored.isEmpty()) {
                LOG.warning("SSR Guard: the application registers its own refresh-token store " + name
                        + ", so " + ignored + " (built-in store) " + (ignored.size() == 1 ? "is" : "are")
                        + " ignored; remove " + (ignored.size() == 1 ? "it" : "them") + " or the registration");
            }
            LOG.info("SSR Guard refresh tokens: the application's store " + name
                    + (settings.optional(REFRESH_SECRET).isPresent() ? ""
                            : " (" + REFRESH_SECRET + " not set: set the same value on every node if the store is shared)"));
            return own.get();
        }
        if (refresh.store() == RefreshSettings.StoreType.JDBC) {
            LOG.info("SSR Guard refresh tokens: built-in jdbc store at " + refresh.dataSource());
            return new JdbcRefreshTokenStore(dataSources.apply(refresh.dataSource()), refresh.tablePrefix(),
                    refresh.createSchema());
        }
        LOG.info("SSR Guard refresh tokens: built-in memory store (one node)");
        return new InMemoryRefreshTokenStore(MemoryStoreLimits.load(settings));
    }
}
