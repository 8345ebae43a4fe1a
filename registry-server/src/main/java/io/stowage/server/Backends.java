package io.stowage.server;

import io.stowage.memory.MemoryBudget;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.postgres.PostgresMetadataStore;
import io.stowage.metadata.postgres.PostgresSettings;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.service.VerifiedBlobs;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.fs.FileSystemObjectStore;
import io.stowage.storage.s3.S3ObjectStore;
import io.stowage.storage.s3.S3Settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the blob storage and metadata backends the configuration names. The embedded pair (filesystem + SQLite)
 * keeps its state in the data directory; the scale-out pair (S3 + PostgreSQL) keeps none on the node.
 */
final class Backends {

    static final String FILESYSTEM = "filesystem";
    static final String S3 = "s3";
    /** Blobs of at least a MiB each: a hot set of 4 GiB and more, for about 2 MiB of heap. */
    private static final int VERIFIED_BLOBS = 4096;
    static final String SQLITE = "sqlite";
    static final String POSTGRES = "postgres";

    private Backends() {
    }

    /** Whether any chosen backend keeps its state in the data directory (which must then be locked). */
    static boolean usesDataDirectory(Config config) {
        return storesBlobsInFiles(config) || keepsMetadataInSqlite(config);
    }

    /** Whether blobs are files under {@link Config#blobRoot()}. */
    static boolean storesBlobsInFiles(Config config) {
        return storageType(config).equals(FILESYSTEM);
    }

    /** Whether the metadata is the SQLite database at {@link Config#sqlitePath()}. */
    static boolean keepsMetadataInSqlite(Config config) {
        return metadataType(config).equals(SQLITE);
    }

    static ObjectStore objectStore(Config config) {
        return switch (storageType(config)) {
            case FILESYSTEM -> FileSystemObjectStore.open(config.blobRoot(), MemoryBudget.heap(),
                    config.getBoolean(Setting.STORAGE_FS_DIRECT_WRITES));
            case S3 -> S3ObjectStore.open(s3Settings(config));
            default -> throw new IllegalStateException("unreachable");
        };
    }

    static MetadataStore metadataStore(Config config) {
        return switch (metadataType(config)) {
            case SQLITE -> SqliteMetadataStore.open(config.sqlitePath());
            case POSTGRES -> PostgresMetadataStore.open(postgresSettings(config));
            default -> throw new IllegalStateException("unreachable");
        };
    }

    static S3Settings s3Settings(Config config) {
        URI endpoint;
        try {
            endpoint = new URI(config.require(Setting.STORAGE_S3_ENDPOINT));
        } catch (URISyntaxException e) {
            throw new Config.ConfigException(Setting.STORAGE_S3_ENDPOINT.key() + ": not a URL: " + e.getMessage());
        }
        try {
            return new S3Settings(endpoint, config.require(Setting.STORAGE_S3_REGION),
                    config.require(Setting.STORAGE_S3_BUCKET), config.require(Setting.STORAGE_S3_ACCESS_KEY),
                    config.require(Setting.STORAGE_S3_SECRET_KEY), config.get(Setting.STORAGE_S3_PREFIX).trim(),
                    config.getBoolean(Setting.STORAGE_S3_REDIRECT));
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException("storage.s3: " + e.getMessage());
        }
    }

    static PostgresSettings postgresSettings(Config config) {
        try {
            return new PostgresSettings(config.require(Setting.METADATA_POSTGRES_URL),
                    config.get(Setting.METADATA_POSTGRES_USER).trim(), config.get(Setting.METADATA_POSTGRES_PASSWORD),
                    config.getInt(Setting.METADATA_POSTGRES_MAX_CONNECTIONS, 1, 200));
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException("metadata.postgres: " + e.getMessage());
        }
    }

    /**
     * The memory of blobs verified by this node, for verification on read. Only the filesystem store gives the object
     * versions it needs (an S3 stat has none: remembering would cost a HEAD request per download and never help).
     */
    static VerifiedBlobs verifiedBlobs(Config config, Clock clock) {
        Duration remember = config.getDuration(Setting.STORAGE_REMEMBER_VERIFIED);
        if (!config.getBoolean(Setting.STORAGE_VERIFY_ON_READ) || remember.isZero()
                || !storesBlobsInFiles(config)) {
            return VerifiedBlobs.NONE;
        }
        return new VerifiedBlobs(remember, VERIFIED_BLOBS, clock);
    }

    private static String storageType(Config config) {
        return known(config, Setting.STORAGE_TYPE, FILESYSTEM, S3);
    }

    private static String metadataType(Config config) {
        return known(config, Setting.METADATA_TYPE, SQLITE, POSTGRES);
    }

    private static String known(Config config, Setting setting, String... names) {
        String type = config.get(setting).trim();
        for (String name : names) {
            if (name.equals(type)) {
                return name;
            }
        }
        throw new Config.ConfigException(setting.key() + ": unknown backend '" + type + "' (known: "
                + String.join(", ", names) + ")");
    }
}
