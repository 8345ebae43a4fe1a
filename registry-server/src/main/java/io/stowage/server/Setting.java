package io.stowage.server;

import java.util.List;
import java.util.Locale;

/**
 * One configuration setting: its YAML key path, its environment variable ({@code STOWAGE_} + the key path in upper
 * snake case), its default and what it does. {@link #ALL} is the single list that the loader, the validation of
 * config files and {@code docs/configuration.md} all follow.
 */
public record Setting(String key, String defaultValue, String description) {

    public static final Setting LISTEN = new Setting("listen", "127.0.0.1:5000",
            "Address and port to listen on, HOST:PORT (flag --listen).");
    public static final Setting DATA = new Setting("data", "./stowage-data",
            "Data directory for the embedded default backends (flag --data).");
    public static final Setting STORAGE_TYPE = new Setting("storage.type", "filesystem",
            "Blob storage backend: 'filesystem' (embedded default) or 's3'.");
    public static final Setting STORAGE_FS_ROOT = new Setting("storage.filesystem.root", "",
            "Directory for blobs and upload data; empty means DATA/blobs.");
    public static final Setting STORAGE_FS_DIRECT_WRITES = new Setting("storage.filesystem.directWrites", "true",
            "Write the bulk of large uploads with O_DIRECT, past the page cache, where the filesystem takes it: the "
                    + "kernel spends about a third of the CPU on them, and hot layers stay cached; the first pull of "
                    + "a freshly pushed blob then reads it from the disk. false writes through the page cache.");
    public static final Setting STORAGE_S3_ENDPOINT = new Setting("storage.s3.endpoint", "",
            "S3 endpoint URL, e.g. https://s3.example.com or http://127.0.0.1:7480 (path-style addressing).");
    public static final Setting STORAGE_S3_REGION = new Setting("storage.s3.region", "us-east-1",
            "S3 region used in request signatures.");
    public static final Setting STORAGE_S3_BUCKET = new Setting("storage.s3.bucket", "",
            "S3 bucket; created at start-up when missing.");
    public static final Setting STORAGE_S3_ACCESS_KEY = new Setting("storage.s3.accessKey", "",
            "S3 access key id.");
    public static final Setting STORAGE_S3_SECRET_KEY = new Setting("storage.s3.secretKey", "",
            "S3 secret access key (never logged).");
    public static final Setting STORAGE_S3_PREFIX = new Setting("storage.s3.prefix", "",
            "Key prefix inside the bucket, empty or ending in '/', to share a bucket with other data.");
    public static final Setting STORAGE_S3_REDIRECT = new Setting("storage.s3.redirectDownloads", "false",
            "Answer blob downloads with a redirect to a presigned S3 URL instead of serving the bytes.");
    public static final Setting STORAGE_VERIFY_ON_READ = new Setting("storage.verifyOnRead", "true",
            "Hash every whole-blob download as it streams out; a blob that no longer matches its digest is cut off "
                    + "before its end and marked corrupt (costs CPU: one SHA-256 over every byte served).");
    public static final Setting STORAGE_REMEMBER_VERIFIED = new Setting("storage.rememberVerified", "6h",
            "With verifyOnRead, how long a blob this node verified (pushed or downloaded whole) is not hashed again on "
                    + "download while its stored file is unchanged; 0s hashes every download (filesystem storage).");
    public static final Setting STORAGE_INLINE_BLOB_BYTES = new Setting("storage.inlineBlobBytes", "16384",
            "Blobs of at most this many bytes that arrive whole in one request with their length declared (a POST or a "
                    + "PUT with the bytes, or a session's only PATCH) are kept in "
                    + "the metadata database with their record, not in blob storage: one database write per push "
                    + "instead of a file or an object and its syncs. 0 turns it off; at most 1048575.");
    public static final Setting METADATA_TYPE = new Setting("metadata.type", "sqlite",
            "Metadata backend: 'sqlite' (embedded default) or 'postgres'.");
    public static final Setting METADATA_SQLITE_PATH = new Setting("metadata.sqlite.path", "",
            "SQLite database file; empty means DATA/metadata.db.");
    public static final Setting METADATA_POSTGRES_URL = new Setting("metadata.postgres.url", "",
            "JDBC URL of the PostgreSQL database, jdbc:postgresql://HOST:PORT/DATABASE.");
    public static final Setting METADATA_POSTGRES_USER = new Setting("metadata.postgres.user", "",
            "PostgreSQL user.");
    public static final Setting METADATA_POSTGRES_PASSWORD = new Setting("metadata.postgres.password", "",
            "PostgreSQL password (never logged).");
    public static final Setting METADATA_POSTGRES_MAX_CONNECTIONS = new Setting("metadata.postgres.maxConnections",
            "16", "Size of this node's PostgreSQL connection pool.");
    public static final Setting METADATA_MANIFEST_CACHE = new Setting("metadata.manifestCacheMebibytes", "8",
            "Memory for manifests and tags kept for pulls, embedded SQLite only; 0 turns it off.");
    public static final Setting UPLOADS_PURGE_AFTER = new Setting("uploads.purgeAfter", "24h",
            "An upload session untouched for this long is abandoned: its row and bytes are removed.");
    public static final Setting UPLOADS_PURGE_INTERVAL = new Setting("uploads.purgeInterval", "15m",
            "How often one node (whichever holds the job's lease) looks for abandoned upload sessions.");
    public static final Setting GC_GRACE_PERIOD = new Setting("gc.gracePeriod", "24h",
            "Blobs claimed or linked more recently than this are never collected (protects pushes in flight).");
    public static final Setting GC_INTERVAL = new Setting("gc.interval", "6h",
            "How often garbage collection runs (on one node at a time).");
    public static final Setting SCRUB_INTERVAL = new Setting("scrub.interval", "1h",
            "How often the scrub re-hashes a round of stored blobs (on one node at a time).");
    public static final Setting SCRUB_BLOBS_PER_ROUND = new Setting("scrub.blobsPerRound", "1000",
            "How many blobs, least recently verified first, one scrub round re-hashes.");
    public static final Setting RETENTION_INTERVAL = new Setting("retention.interval", "1h",
            "How often the retention policies are applied (on one node at a time).");
    public static final Setting AUTH_ANONYMOUS = new Setting("auth.anonymous", "",
            "What callers without credentials may do: none, pull or push (push includes delete) (flag --anonymous). "
                    + "Empty means push while listening on a loopback address, none on any other.");
    public static final Setting ADMIN_PASSWORD = new Setting("adminPassword", "",
            "Password of the 'admin' account created on first start (when the store has no user); empty: one is "
                    + "generated and written once to DATA/admin-password, readable only by the owner (never logged).");
    public static final Setting AUTH_TOKEN_SERVICE = new Setting("auth.token.service", "stowage",
            "The service name tokens are issued for (their audience); the same on every node.");
    public static final Setting AUTH_TOKEN_ISSUER = new Setting("auth.token.issuer", "stowage",
            "The issuer tokens carry and are checked against; the same on every node.");
    public static final Setting AUTH_TOKEN_REALM = new Setting("auth.token.realm", "",
            "Token endpoint URL announced in 401 challenges; empty: this registry's /token as the client reached it.");
    public static final Setting AUTH_TOKEN_LIFETIME = new Setting("auth.token.lifetime", "5m",
            "How long an access token is valid.");
    public static final Setting AUTH_TOKEN_REFRESH_LIFETIME = new Setting("auth.token.refreshLifetime", "30d",
            "How long a refresh token (OAuth2 offline token, as docker login keeps) is valid.");
    public static final Setting AUTH_TOKEN_ALGORITHM = new Setting("auth.token.algorithm", "ES256",
            "Signature algorithm of new signing keys: ES256 or EdDSA.");
    public static final Setting AUTH_CACHE_TTL = new Setting("auth.cacheTtl", "5s",
            "How long a node reuses accounts, grants and namespaces read from the metadata store; changes made "
                    + "through another node apply here after at most this long.");
    public static final Setting AUDIT_PULLS = new Setting("audit.pulls", "false",
            "Whether every manifest and blob pull is written to the audit log (state changes always are).");
    public static final Setting FORWARDED_HEADERS = new Setting("http.forwardedHeaders", "false",
            "Take the client address, scheme and host from a proxy's Forwarded/X-Forwarded-* headers (only behind a "
                    + "proxy that sets them).");
    public static final Setting STOP_TIMEOUT = new Setting("http.stopTimeout", "30s",
            "On SIGTERM, how long in-flight requests may take to finish before the server stops.");
    public static final Setting TLS_CERTIFICATE = new Setting("tls.certificate", "",
            "PEM file with the TLS certificate chain, leaf first; with tls.key, the registry serves HTTPS only.");
    public static final Setting TLS_KEY = new Setting("tls.key", "",
            "PEM file with the TLS private key (PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY; never logged).");
    public static final Setting TLS_RELOAD_INTERVAL = new Setting("tls.reloadInterval", "10s",
            "How often the TLS files are checked for changes; changed files are used for new connections.");
    public static final Setting LOG_LEVEL = new Setting("log.level", "info",
            "Log level: error, warn, info, debug or trace.");
    public static final Setting ACCESS_LOG = new Setting("log.access", "true",
            "Whether to write one access-log line per request.");

    public static final List<Setting> ALL = List.of(LISTEN, DATA, STORAGE_TYPE, STORAGE_FS_ROOT,
            STORAGE_FS_DIRECT_WRITES,
            STORAGE_S3_ENDPOINT, STORAGE_S3_REGION, STORAGE_S3_BUCKET, STORAGE_S3_ACCESS_KEY, STORAGE_S3_SECRET_KEY,
            STORAGE_S3_PREFIX, STORAGE_S3_REDIRECT, STORAGE_VERIFY_ON_READ, STORAGE_REMEMBER_VERIFIED,
            METADATA_TYPE, METADATA_SQLITE_PATH,
            METADATA_POSTGRES_URL, METADATA_POSTGRES_USER, METADATA_POSTGRES_PASSWORD,
            METADATA_POSTGRES_MAX_CONNECTIONS, METADATA_MANIFEST_CACHE, STORAGE_INLINE_BLOB_BYTES, UPLOADS_PURGE_AFTER, UPLOADS_PURGE_INTERVAL, GC_GRACE_PERIOD,
            GC_INTERVAL, SCRUB_INTERVAL, SCRUB_BLOBS_PER_ROUND, RETENTION_INTERVAL, AUTH_ANONYMOUS, ADMIN_PASSWORD, AUTH_TOKEN_SERVICE,
            AUTH_TOKEN_ISSUER, AUTH_TOKEN_REALM, AUTH_TOKEN_LIFETIME, AUTH_TOKEN_REFRESH_LIFETIME,
            AUTH_TOKEN_ALGORITHM, AUTH_CACHE_TTL, AUDIT_PULLS, FORWARDED_HEADERS, STOP_TIMEOUT, TLS_CERTIFICATE, TLS_KEY,
            TLS_RELOAD_INTERVAL, LOG_LEVEL, ACCESS_LOG);

    /** {@code storage.s3.accessKey} → {@code STOWAGE_STORAGE_S3_ACCESS_KEY}. */
    public String environmentVariable() {
        StringBuilder env = new StringBuilder("STOWAGE_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') {
                env.append('_');
            } else if (Character.isUpperCase(c)) {
                env.append('_').append(c);
            } else {
                env.append(Character.toUpperCase(c));
            }
        }
        return env.toString().toUpperCase(Locale.ROOT);
    }
}
