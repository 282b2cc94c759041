package io.ssrguard.passkeys;

import io.ssrguard.testing.ScratchTables;
import io.ssrguard.testing.TestDatabases.Database;
import org.junit.jupiter.api.Nested;

/** The passkey-store contract on H2, PostgreSQL and MariaDB, each in a table of its own that it drops afterwards. */
class JdbcPasskeyStoreTest {

    abstract static class OnDatabase extends PasskeyStoreContractTest {
        final ScratchTables tables;

        OnDatabase(Database database) {
            tables = new ScratchTables(database, "ssrguard_pk");
        }

        @Override
        PasskeyStore open() throws Exception {
            return new JdbcPasskeyStore(tables.dataSource(), tables.prefix(), true);
        }

        @Override
        void close() throws Exception {
            tables.drop("_passkey");
        }
    }

    @Nested
    class H2 extends OnDatabase {
        H2() {
            super(Database.H2);
        }
    }

    @Nested
    class Postgres extends OnDatabase {
        Postgres() {
            super(Database.POSTGRES);
        }
    }

    @Nested
    class MariaDb extends OnDatabase {
        MariaDb() {
            super(Database.MARIADB);
        }
    }
}
