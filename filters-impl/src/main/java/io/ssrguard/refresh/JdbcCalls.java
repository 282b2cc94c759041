package io.ssrguard.refresh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * How the pack's JDBC stores run one unit of work: a connection from the
 * DataSource per call; every failure (checked or not) becomes a
 * {@link RefreshStoreUnavailableException} naming the operation and the tables;
 * a connection that failed is aborted so that the pool replaces it. So a store
 * recovers by itself when the database returns.
 */
public final class JdbcCalls {

    /** One unit of work on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(JdbcCalls.class.getName());
    /** A table prefix is pasted into SQL: plain lower-case identifiers only, short enough for index names everywhere. */
    private static final Pattern PLAIN_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** How long a connection that just failed may take to prove it still works. */
    private static final int VALIDATION_SECONDS = 2;

    private final DataSource dataSource;
    private final String store;
    private final String tables;

    /**
     * @param store  what the store is, for the failure message ("refresh-token store")
     * @param tables the tables the store works on, for the failure message
     */
    public JdbcCalls(DataSource dataSource, String store, String tables) {
        this.dataSource = dataSource;
        this.store = store;
        this.tables = tables;
    }

    /** Whether {@code prefix} may start the stores' table names (the one rule; settings and stores ask it). */
    public static boolean isPlainPrefix(String prefix) {
        return PLAIN_PREFIX.matcher(prefix).matches();
    }

    /** {@code prefix}, when it may start the stores' table names; otherwise an {@link IllegalArgumentException}. */
    public static String checkedPrefix(String prefix) {
        if (!isPlainPrefix(prefix)) {
            throw new IllegalArgumentException("table prefix must be a lower-case identifier of at most 40 characters");
        }
        return prefix;
    }

    /** Runs {@code work} on a fresh connection and gives it back (aborted first if it broke). */
    public <T> T run(String operation, SqlWork<T> work) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw unavailable(operation, e);
        }
        T result;
        try {
            result = work.run(c);
        } catch (SQLException | RuntimeException e) {
            release(c, broken(c, e));
            throw unavailable(operation, e);
        }
        release(c, false);
        return result;
    }

    /** Binds the parameters of one statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs one {@code INSERT}, {@code UPDATE} or {@code DELETE} and commits it; answers the rows changed. */
    public static int update(Connection c, String statement, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            binder.bind(ps);
            int changed = ps.executeUpdate();
            commitIfNeeded(c);
            return changed;
        }
    }

    /**
     * Runs a store's DDL, idempotent statements in order, for the database it finds behind the
     * DataSource: {@code ddl} answers them for the MariaDB/MySQL family ({@code true}) or the others.
     */
    public void createSchema(Function<Boolean, List<String>> ddl) {
        run("creating the schema", c -> {
            try (Statement st = c.createStatement()) {
                String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                for (String statement : ddl.apply(product.contains("mariadb") || product.contains("mysql"))) {
                    st.execute(statement);
                }
                commitIfNeeded(c);
            }
            return null;
        });
    }

    /** Commits when the connection is not in auto-commit (container DataSources hand out auto-commit ones). */
    public static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * Whether a failure left the connection unusable: anything unchecked (a pool's proxy wraps the
     * driver's failure in an {@code UndeclaredThrowableException}), a connection exception (SQLState
     * class 08), or a connection that no longer answers.
     */
    private static boolean broken(Connection c, Exception e) {
        if (e instanceof RuntimeException) {
            return true;
        }
        String state = ((SQLException) e).getSQLState();
        if (state == null || state.startsWith("08")) {
            return true;
        }
        try {
            return !c.isValid(VALIDATION_SECONDS);
        } catch (SQLException | RuntimeException notValid) {
            return true;
        }
    }

    /** Gives the connection back; a broken one is aborted first, so that the pool drops it. */
    private static void release(Connection c, boolean broken) {
        if (broken) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException | AbstractMethodError e) {
                LOG.fine(() -> "could not abort a failed connection: " + e);
            }
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            LOG.fine(() -> "could not close a connection: " + e);
        }
    }

    private RefreshStoreUnavailableException unavailable(String operation, Exception e) {
        String cause = e instanceof SQLException sql ? "SQLState " + sql.getSQLState()
                : e.getClass().getSimpleName() + rootCause(e);
        return new RefreshStoreUnavailableException(store + " failed " + operation + " (" + cause + ", tables "
                + tables + ")", e);
    }

    /** The innermost cause, which a pool's proxy hides under reflection wrappers; for the log line. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? "" : " caused by " + root.getClass().getSimpleName()
                + (root instanceof SQLException sql ? " SQLState " + sql.getSQLState() : "");
    }
}
