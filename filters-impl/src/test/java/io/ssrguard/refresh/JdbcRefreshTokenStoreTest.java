package io.ssrguard.refresh;

import io.ssrguard.testing.ForwardingDataSourceBase;
import io.ssrguard.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.auth.Caller;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.refresh.RotationResult.Rotated;
import io.ssrguard.refresh.RotationResult.StoreUnavailable;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** What is particular to the JDBC store: outages, recovery and the schema switch. */
class JdbcRefreshTokenStoreTest {

    final SecureRandom random = new SecureRandom();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    final SwitchableDataSource database = new SwitchableDataSource(h2());

    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:store-test-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    RefreshTokenService service(RefreshTokenStore store) {
        RefreshSettings settings = RefreshSettings.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.REFRESH_STORE, "jdbc")
                .with(SsrGuardProperties.REFRESH_SECRET, Base64.getEncoder().encodeToString(new byte[32])).reader(),
                random);
        RefreshEventPublisher events = new RefreshEventPublisher(e -> { });
        return new RefreshTokenService(store, new StoredRefreshFamilies(store, events, clock), events, settings,
                clock, random);
    }

    @Test
    void anOutageIsUnavailableAndRefreshRecoversWithoutARestart() {
        RefreshTokenService service = service(new JdbcRefreshTokenStore(database, "rt", true));
        String token = service.issue(new Caller("alice", Set.of()), false, "").token();

        database.up = false;
        assertInstanceOf(StoreUnavailable.class, service.rotate(token));
        assertThrows(RefreshStoreUnavailableException.class, () -> service.issue(new Caller("bob", Set.of()), false, ""));

        database.up = true;
        assertInstanceOf(Rotated.class, service.rotate(token));
    }

    @Test
    void aDatabaseDownAtStartGetsItsSchemaWhenItComesBack() {
        database.up = false;
        RefreshTokenService service = service(new JdbcRefreshTokenStore(database, "rt", true));
        assertThrows(RefreshStoreUnavailableException.class, () -> service.issue(new Caller("alice", Set.of()), false, ""));

        database.up = true;
        String token = service.issue(new Caller("alice", Set.of()), false, "").token();
        assertInstanceOf(Rotated.class, service.rotate(token));
    }

    @Test
    void aClosedPortIsUnavailableNotInvalid() {
        PGSimpleDataSource closed = new PGSimpleDataSource();
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        closed.setUrl("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2");
        closed.setUser("postgres");
        RefreshTokenService service = service(new JdbcRefreshTokenStore(closed, "rt", true));

        assertInstanceOf(StoreUnavailable.class, service.rotate(RefreshTokenFormat.generate(random)));
    }

    @Test
    void withoutTheSchemaSwitchMissingTablesAreUnavailable() {
        RefreshTokenService service = service(new JdbcRefreshTokenStore(database, "rt", false));

        assertInstanceOf(StoreUnavailable.class, service.rotate(RefreshTokenFormat.generate(random)));
        new JdbcRefreshTokenStore(database, "rt", false).createSchema();
        assertEquals(new RotationResult.Invalid(RotationResult.InvalidReason.UNKNOWN),
                service.rotate(RefreshTokenFormat.generate(random)));
    }

    @Test
    void schemaCreationIsIdempotent() {
        JdbcRefreshTokenStore store = new JdbcRefreshTokenStore(database, "rt", true);
        store.createSchema();
        store.createSchema();
        assertEquals(0, store.purge(clock.instant()));
    }

    @Test
    void mariaDbAndMySqlTablesCompareCaseSensitively() {
        JdbcRefreshTokenStore store = new JdbcRefreshTokenStore(database, "app_rt", true);

        assertTrue(store.ddl(true).get(0).startsWith("CREATE TABLE IF NOT EXISTS app_rt_family ("));
        assertTrue(store.ddl(true).get(0).endsWith("COLLATE=utf8mb4_bin"));
        assertTrue(store.ddl(false).stream().noneMatch(ddl -> ddl.contains("ENGINE")));
        assertEquals(7, store.ddl(false).size());
        assertEquals(List.of("CREATE TABLE IF NOT EXISTS app_rt_ended (family_id VARCHAR(32) NOT NULL, "
                + "ended_at BIGINT NOT NULL, PRIMARY KEY (family_id))",
                "CREATE INDEX IF NOT EXISTS app_rt_ended_time ON app_rt_ended (ended_at)"),
                store.ddl(false).subList(5, 7), "the DDL docs/refresh.md gives existing installations");
    }

    @Test
    void anInstallationFromBeforeTheLogGetsItOnFirstUse() throws SQLException {
        JdbcRefreshTokenStore store = new JdbcRefreshTokenStore(database, "old_rt", true);
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            for (String ddl : store.ddl(false).subList(0, 5)) {
                st.execute(ddl);
            }
        }
        RefreshTokenService service = service(store);
        IssuedRefreshToken issued = service.issue(new Caller("alice", Set.of()), false, "");

        assertEquals(1, service.signOut(issued.token(), false).size());

        assertEquals(List.of(new EndedFamily(issued.family().id(), clock.instant())),
                store.endedSince(clock.instant()));
    }

    @Test
    void withoutTheLogTableARevocationFailsWholeAndCanBeRetried() throws SQLException {
        JdbcRefreshTokenStore store = new JdbcRefreshTokenStore(database, "nolog_rt", false);
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            for (String ddl : store.ddl(false).subList(0, 5)) {
                st.execute(ddl);
            }
        }
        RefreshTokenService service = service(store);
        IssuedRefreshToken issued = service.issue(new Caller("alice", Set.of()), false, "");

        assertThrows(RefreshStoreUnavailableException.class, () -> service.signOut(issued.token(), false),
                "a revocation other nodes could not see is not made: sign-out answers 503");
        assertInstanceOf(Rotated.class, service.rotate(issued.token()), "the family was not half revoked");

        store.createSchema();
        String next = ((Rotated) service.rotate(issued.token())).issued().token();
        assertEquals(1, service.signOut(next, false).size());
        assertEquals(1, store.endedSince(clock.instant()).size());
    }

    @Test
    void tablePrefixesThatAreNotPlainIdentifiersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JdbcRefreshTokenStore(database, "rt; DROP", true));
    }

    /** A DataSource whose database can be "switched off", as a network outage would. */
    static final class SwitchableDataSource extends ForwardingDataSourceBase {
        private final DataSource delegate;
        volatile boolean up = true;

        SwitchableDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!up) {
                throw new SQLException("Connection refused", "08001");
            }
            return delegate.getConnection();
        }

    }
}
