package io.ssrguard.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.auth.Caller;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.testing.ForwardingDataSourceBase;
import io.ssrguard.testing.MutableClock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A database that fails the way real pools do (Payara's connection proxy throws
 * {@link UndeclaredThrowableException}, not {@link SQLException}): every failure is
 * "store unavailable" (503), never an exception that reaches the container as a 500,
 * and a connection that failed is aborted so that the pool can replace it.
 */
public class JdbcStoreFailureTest {

    static final Caller ALICE = new Caller("alice", Set.of("user"));

    /** An H2 DataSource whose connections, once {@link #failure} is set, throw it from every statement. */
    public static final class FailingDataSource extends ForwardingDataSourceBase {
        final JdbcDataSource h2 = new JdbcDataSource();
        public volatile Supplier<Exception> failure;
        volatile boolean getConnectionFails;
        final List<String> calls = new ArrayList<>();

        public FailingDataSource() {
            h2.setURL("jdbc:h2:mem:failing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (getConnectionFails) {
                throw new IllegalStateException("pool is shut down");
            }
            Connection real = h2.getConnection();
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                synchronized (calls) {
                    calls.add(name);
                }
                if (failure != null && (name.startsWith("prepare") || name.equals("createStatement"))) {
                    throw failure.get();
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    handler);
        }


        public int count(String call) {
            synchronized (calls) {
                return (int) calls.stream().filter(call::equals).count();
            }
        }
    }

    /** What Payara's pool proxy throws for a dead PostgreSQL connection. */
    public static RuntimeException poolProxyFailure() {
        return new UndeclaredThrowableException(new InvocationTargetException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
    }

    final FailingDataSource database = new FailingDataSource();
    final JdbcRefreshTokenStore store = new JdbcRefreshTokenStore(database, "ssrguard_refresh", true);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    final RefreshTokenService service;

    JdbcStoreFailureTest() {
        SecureRandom random = new SecureRandom();
        RefreshSettings settings = RefreshSettings.load(MapSettings.profile("dev").reader(), random);
        RefreshEventPublisher publisher = new RefreshEventPublisher(e -> { });
        service = new RefreshTokenService(store, new StoredRefreshFamilies(store, publisher, clock), publisher,
                settings, clock, random);
    }

    @Test
    void uncheckedFailureOfAPooledConnectionIsUnavailableAndTheConnectionIsAborted() {
        String token = service.issue(ALICE, false, "laptop").token();
        database.failure = JdbcStoreFailureTest::poolProxyFailure;

        RefreshStoreUnavailableException e = assertThrows(RefreshStoreUnavailableException.class,
                () -> service.issue(ALICE, false, "phone"));
        assertTrue(e.getMessage().contains("UndeclaredThrowableException caused by SQLException SQLState 08006"),
                e.getMessage());
        assertInstanceOf(RotationResult.StoreUnavailable.class, service.rotate(token));
        assertThrows(RefreshStoreUnavailableException.class, () -> service.signOut(token, true));
        assertEquals(3, database.count("abort"), "each of the three failed connections was aborted");

        database.failure = null;
        assertInstanceOf(RotationResult.Rotated.class, service.rotate(token), "recovers without a restart");
    }

    @Test
    void anyRuntimeExceptionOfTheDriverIsUnavailable() {
        String token = service.issue(ALICE, false, "laptop").token();
        database.failure = () -> new IllegalStateException("driver bug");
        assertInstanceOf(RotationResult.StoreUnavailable.class, service.rotate(token));
        assertTrue(database.count("abort") >= 1);
    }

    @Test
    void aPoolThatCannotHandOutConnectionsIsUnavailable() {
        database.getConnectionFails = true;
        assertThrows(RefreshStoreUnavailableException.class, () -> service.issue(ALICE, false, "laptop"));
        database.getConnectionFails = false;
        service.issue(ALICE, false, "laptop");
    }

    @Test
    void aStatementThatFailsWithoutBreakingTheConnectionKeepsIt() {
        service.issue(ALICE, false, "laptop");
        database.failure = () -> new SQLException("syntax error", "42000");
        assertThrows(RefreshStoreUnavailableException.class, () -> store.activeFamilies("alice", clock.instant()));
        assertEquals(0, database.count("abort"), "a connection that still answers goes back to the pool");
        assertTrue(database.count("isValid") >= 1);
    }
}
