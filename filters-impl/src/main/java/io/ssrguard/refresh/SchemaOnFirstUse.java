package io.ssrguard.refresh;

/**
 * A JDBC store's schema, created on its first use when the store was asked to create it
 * ({@code ssrguard.refresh.create-schema}). A creation that fails (the database is down) is
 * retried on the next use, so the store recovers without a restart when the database returns.
 */
public final class SchemaOnFirstUse {

    private final boolean enabled;
    private final Runnable create;
    private volatile boolean ready;

    /**
     * @param enabled whether the store creates its schema at all
     * @param create  the store's idempotent creation of its tables and indexes
     */
    public SchemaOnFirstUse(boolean enabled, Runnable create) {
        this.enabled = enabled;
        this.create = create;
    }

    /** Creates the schema unless it is ready or not the store's to create; throws what the creation throws. */
    public void ensure() {
        if (!enabled || ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                create.run();
                ready = true;
            }
        }
    }
}
