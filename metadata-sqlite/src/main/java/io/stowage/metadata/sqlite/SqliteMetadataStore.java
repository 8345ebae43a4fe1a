package io.stowage.metadata.sqlite;

import io.stowage.metadata.MetadataException;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.jdbc.Schema;
import io.stowage.metadata.jdbc.SqlDialect;
import io.stowage.metadata.jdbc.SqlMetadataStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The embedded {@link MetadataStore}: one SQLite file in WAL mode with {@code synchronous=FULL}, so every method
 * that returned has its change on disk. The schema is brought up to date when the store opens. Tables, queries and
 * migrations are the ones shared with the other SQL engines ({@code io.stowage.metadata.jdbc}).
 *
 * <p>Safe for concurrent use by many threads. One process should own the file: writes are serialized inside this
 * store, and a second process would only wait on SQLite's lock (up to the busy timeout).
 */
public final class SqliteMetadataStore extends SqlMetadataStore {

    static final SqlDialect DIALECT = new SqliteDialect();

    private final Path file;
    private final Database database;

    private SqliteMetadataStore(Path file, Database database, Clock clock) {
        super(database, DIALECT, clock);
        this.file = file;
        this.database = database;
    }

    /** Opens (creating it and its directory if needed) the database at {@code databaseFile}. */
    public static SqliteMetadataStore open(Path databaseFile) {
        return open(databaseFile, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock that stamps repositories, blobs and tags. */
    public static SqliteMetadataStore open(Path databaseFile, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Path file = databaseFile.toAbsolutePath().normalize();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new MetadataException("cannot create the directory of the metadata database", e);
        }
        Database database = Database.open(file);
        try {
            database.write("migrate schema", c -> Schema.migrate(c, DIALECT, clock));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new SqliteMetadataStore(file, database, clock);
    }

    /**
     * Not shared: one process owns the file (the server holds the data directory's lock, and a second process would
     * only wait on SQLite's write lock), so every change passes through this object.
     */
    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public String describe() {
        return "sqlite:" + file;
    }

    /** Closes every connection; later calls fail with {@link MetadataException}. Closing twice is harmless. */
    @Override
    public void close() {
        database.close();
    }

    Database database() {
        return database;
    }
}
