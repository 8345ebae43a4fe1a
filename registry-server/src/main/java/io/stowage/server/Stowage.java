package io.stowage.server;

import io.stowage.http.HttpServer;
import io.stowage.http.auth.Challenge;
import io.stowage.http.metrics.Metrics;
import io.stowage.http.tls.TlsFiles;
import io.stowage.http.tls.TlsFilesException;
import io.stowage.memory.MemoryBudget;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.cache.CachingMetadataStore;
import io.stowage.service.Registry;
import io.stowage.service.UploadService;
import io.stowage.service.access.AccessControl;
import io.stowage.service.access.AccessSettings;
import io.stowage.service.access.AdminBootstrap;
import io.stowage.service.access.AnonymousAccess;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.gc.GarbageCollectionJob;
import io.stowage.service.gc.GarbageCollector;
import io.stowage.service.gc.GcReport;
import io.stowage.service.gc.OnDemandCollection;
import io.stowage.service.jobs.JobScheduler;
import io.stowage.service.scrub.ScrubJob;
import io.stowage.service.scrub.Scrubber;
import io.stowage.service.jobs.UploadPurgeJob;
import io.stowage.service.access.AuditLog;
import io.stowage.service.access.ClientInfo;
import io.stowage.service.lifecycle.RetentionJob;
import io.stowage.service.lifecycle.RetentionService;
import io.stowage.storage.ObjectStore;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The wiring: the one place that knows every implementation. Builds the backends named by the configuration, the
 * services over them and the HTTP server, and takes them down in reverse order.
 */
public final class Stowage implements AutoCloseable {

    /** The identity the audit log names for what the server does by itself (scheduled retention). */
    static final String SYSTEM = "system";

    /** Null when no backend keeps state in the data directory (the scale-out backends). */
    private final FileChannel lockChannel;
    private final ObjectStore objects;
    private final MetadataStore metadata;
    private final JobScheduler jobs;
    private final Registry registry;
    private final HttpServer http;
    private final AnonymousAccess anonymous;
    private final Optional<Path> adminPasswordFile;

    private Stowage(FileChannel lockChannel, ObjectStore objects, MetadataStore metadata, JobScheduler jobs,
                    Registry registry, HttpServer http, AnonymousAccess anonymous, Optional<Path> adminPasswordFile) {
        this.lockChannel = lockChannel;
        this.objects = objects;
        this.metadata = metadata;
        this.jobs = jobs;
        this.registry = registry;
        this.http = http;
        this.anonymous = anonymous;
        this.adminPasswordFile = adminPasswordFile;
    }

    public static Stowage start(Config config) throws Exception {
        // Checked before anything is opened: unusable TLS files are a configuration error like any other.
        Optional<TlsFiles> tls = config.tls();
        tls.ifPresent(Stowage::checkTlsFiles);
        FileChannel lock = null;
        if (Backends.usesDataDirectory(config)) {
            Path data = config.dataDirectory();
            Files.createDirectories(data);
            lock = lockDataDirectory(data);
        }
        ObjectStore objects = null;
        MetadataStore metadata = null;
        try {
            objects = Backends.objectStore(config);
            metadata = Backends.metadataStore(config);
            metadata = withManifestCache(metadata, config.getInt(Setting.METADATA_MANIFEST_CACHE, 0, 1024));
            Metrics metrics = new Metrics();
            MetadataStore index = metadata;
            metrics.registerGauge("stowage_upload_sessions_open", "Upload sessions not yet completed or cancelled",
                    () -> index.uploads().count());
            metrics.registerGauge("stowage_heap_transfer_memory_free_bytes",
                    "Heap for upload and re-hash buffers not taken right now",
                    () -> MemoryBudget.heap().availableBytes());
            metrics.registerGauge("stowage_heap_transfer_waiting", "Uploads and re-hashes waiting for buffer memory",
                    () -> MemoryBudget.heap().waiting());
            if (Backends.storesBlobsInFiles(config)) {
                DiskSpace.of(config.blobRoot()).register(metrics, "stowage_blob_storage",
                        "the blob storage (storage.filesystem.root)");
            }
            if (Backends.keepsMetadataInSqlite(config)) {
                DiskSpace.of(config.sqlitePath().getParent()).register(metrics, "stowage_metadata_storage",
                        "the SQLite database (metadata.sqlite.path)");
            }
            Clock clock = Clock.systemUTC();
            Registry registry = Registry.over(objects, metadata, clock,
                    config.getBoolean(Setting.STORAGE_VERIFY_ON_READ), Backends.verifiedBlobs(config, clock),
                    config.getInt(Setting.STORAGE_INLINE_BLOB_BYTES, 0, (int) UploadService.MAX_INLINE_LIMIT));
            AccessSettings accessSettings = AccessSetup.settings(config);
            AccessControl access = AccessControl.over(metadata, accessSettings, clock);
            Optional<Path> passwordFile = AccessSetup.bootstrapAdministrator(
                    new AdminBootstrap(metadata, access.audit(), clock), config);
            // Before the HTTP server: the administration API runs collections on demand with the same collector,
            // under the same lease and node identity as the scheduled job.
            GarbageCollector gc = new GarbageCollector(objects, metadata, clock,
                    config.getDuration(Setting.GC_GRACE_PERIOD));
            registerGcMetrics(metrics, gc);
            String node = nodeIdentity();
            Duration gcInterval = config.getPositiveDuration(Setting.GC_INTERVAL);
            OnDemandCollection onDemand = new OnDemandCollection(gc, metadata.leases(), node,
                    JobScheduler.leaseFor(gcInterval), clock);
            Scrubber scrubber = new Scrubber(objects, metadata, clock);
            HostPort listen = config.listen();
            HttpServer http;
            try {
                HttpServer.Listener listener = new HttpServer.Listener(listen.host(), listen.port(),
                        config.getDuration(Setting.STOP_TIMEOUT), tls, config.getBoolean(Setting.FORWARDED_HEADERS));
                http = HttpServer.start(listener, registry, access,
                        Administration.over(metadata, access, onDemand, scrubber, clock),
                        new Challenge(config.get(Setting.AUTH_TOKEN_REALM), accessSettings.tokens().service()),
                        metrics);
            } catch (TlsFilesException e) {
                throw tlsConfigException(e); // the files changed for the worse since they were checked
            }
            JobScheduler jobs = new JobScheduler(metadata.leases(), clock, node);
            Duration purgeAfter = config.getDuration(Setting.UPLOADS_PURGE_AFTER);
            jobs.schedule(new UploadPurgeJob(registry.uploads(), clock, purgeAfter),
                    config.getPositiveDuration(Setting.UPLOADS_PURGE_INTERVAL));
            AuditLog audit = access.audit();
            // A scheduled collection that removed something is one audit event by the server itself (rounds that
            // find nothing are only in the metrics, or a busy collector would fill the log with empty rounds).
            jobs.schedule(new GarbageCollectionJob(gc, report -> audit.record(SYSTEM, ClientInfo.SCHEDULER, "gc.run",
                    null, null, AuditLog.SUCCESS, report.summary())), gcInterval);
            jobs.schedule(new ScrubJob(scrubber,
                    config.getInt(Setting.SCRUB_BLOBS_PER_ROUND, 1, 1_000_000)),
                    config.getPositiveDuration(Setting.SCRUB_INTERVAL));
            // Retention removes tags and untagged manifests; each removal is one audit event by the server itself.
            Duration retentionInterval = config.getPositiveDuration(Setting.RETENTION_INTERVAL);
            jobs.schedule(new RetentionJob(new RetentionService(metadata), clock, retentionInterval,
                    removal -> audit.record(SYSTEM, ClientInfo.SCHEDULER, "retention.remove",
                            removal.repository().value(), removal.reference().toString(), AuditLog.SUCCESS,
                            removal.describe())), retentionInterval);
            metrics.registerGauge("stowage_blobs_corrupt", "Blobs the scrub found missing or not matching their digest",
                    () -> index.scrub().countCorrupt());
            return new Stowage(lock, objects, metadata, jobs, registry, http, accessSettings.anonymous(),
                    passwordFile);
        } catch (Exception | Error e) {
            closeQuietly(metadata);
            closeQuietly(objects);
            closeQuietly(lock);
            throw e;
        }
    }

    /**
     * Pulls answered from memory where that stays exact: a store no other process writes (embedded SQLite), since
     * then every write to manifests and tags passes through the cache. A shared store (PostgreSQL under several
     * nodes) is used as it is: another node's push would not be seen.
     */
    private static MetadataStore withManifestCache(MetadataStore store, int mebibytes) {
        return store.isShared() || mebibytes == 0 ? store : new CachingMetadataStore(store, mebibytes * 1024L * 1024);
    }

    private static void checkTlsFiles(TlsFiles files) {
        try {
            files.read();
        } catch (TlsFilesException e) {
            throw tlsConfigException(e);
        }
    }

    private static Config.ConfigException tlsConfigException(TlsFilesException e) {
        return new Config.ConfigException("TLS (" + Setting.TLS_CERTIFICATE.key() + ", " + Setting.TLS_KEY.key()
                + "): " + e.getMessage());
    }

    /** The last collection this node ran, as gauges (zero until it has run one). */
    private static void registerGcMetrics(Metrics metrics, GarbageCollector gc) {
        metrics.registerGauge("stowage_gc_last_run_timestamp_seconds", "When this node's last garbage collection ended",
                () -> gc.lastReport().map(r -> r.finishedAt().getEpochSecond()).orElse(0L));
        metrics.registerGauge("stowage_gc_last_duration_milliseconds", "How long this node's last collection took",
                () -> gc.lastReport().map(r -> r.took().toMillis()).orElse(0L));
        metrics.registerGauge("stowage_gc_last_links_pruned", "Unreferenced links the last collection removed",
                () -> gc.lastReport().map(GcReport::linksPruned).orElse(0L));
        metrics.registerGauge("stowage_gc_last_blobs_deleted", "Blobs the last collection deleted",
                () -> gc.lastReport().map(r -> r.blobsDeleted() + r.resumed()).orElse(0L));
        metrics.registerGauge("stowage_gc_last_bytes_freed", "Bytes the last collection freed",
                () -> gc.lastReport().map(GcReport::bytesFreed).orElse(0L));
    }

    /** Who holds a job's lease, as operators read it in the leases table: host, process and a random part. */
    private static String nodeIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Two processes on one data directory would corrupt each other's view; the second one refuses to start. */
    private static FileChannel lockDataDirectory(Path data) throws IOException {
        FileChannel channel = FileChannel.open(data.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new Config.ConfigException("data directory " + data + " is in use by another Stowage process");
        }
        return channel;
    }

    public int port() {
        return http.port();
    }

    public AnonymousAccess anonymousAccess() {
        return anonymous;
    }

    /** Where this start wrote the generated administrator password, if it created the administrator. */
    public Optional<Path> adminPasswordFile() {
        return adminPasswordFile;
    }

    /** {@code https} when TLS is configured, else {@code http}. */
    public String scheme() {
        return http.scheme();
    }

    /** The application protocols served, preferred first ({@code h2, http/1.1} with TLS). */
    public List<String> protocols() {
        return http.protocols();
    }

    public String describeStorage() {
        return objects.describe();
    }

    public String describeMetadata() {
        return metadata.describe();
    }

    public void join() throws InterruptedException {
        http.join();
    }

    /** Graceful: the HTTP server drains in-flight requests first; upload sessions stay for their clients to resume. */
    @Override
    public void close() throws Exception {
        try {
            jobs.close();
            http.close();
            // After the last request: the pull times still in memory go to the store before it closes.
            registry.close();
        } finally {
            closeQuietly(metadata);
            closeQuietly(objects);
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // shutting down: nothing useful left to do with the failure
        }
    }
}
