package io.stowage.metadata;

/**
 * The registry's index: which repositories exist, which blobs each may serve, manifests with their exact bytes,
 * tags, references and referrers, and upload sessions; the records access control works from: users, robots,
 * namespaces with their grants, and the audit log; the keys that sign tokens, which every node must share; and what
 * lifecycle needs: push and pull times, immutability rules, quotas, storage use and retention policies.
 * Catalog, tag lists and referrers are answered from here, never by walking blob storage. Split into small role
 * interfaces; every method is atomic and durable on return, except the few whose documentation says they may
 * become durable later (upload sessions and blob claims, where a crash can only cost a retry; audit events). Changes become durable in
 * the order they were made, so a durable change makes every earlier one durable too. Listing methods take a {@code limit} that must not be
 * negative; 0 yields an empty list. Lexical order is the order of {@link String#compareTo} (repository names, tags
 * and digests are ASCII; the other names are kept to what {@link Names} allows, for which it is the databases'
 * bytewise order too).
 */
public interface MetadataStore extends AutoCloseable {

    RepositoryIndex repositories();

    BlobIndex blobs();

    ManifestIndex manifests();

    UploadIndex uploads();

    LeaseIndex leases();

    GarbageIndex garbage();

    ScrubIndex scrub();

    UserIndex users();

    RobotIndex robots();

    NamespaceIndex namespaces();

    AuditIndex audit();

    SigningKeyIndex signingKeys();

    ActivityIndex activity();

    PolicyIndex policies();

    UsageIndex usage();

    RetentionIndex retention();

    /**
     * Whether other processes may change this store's contents while this one runs: several nodes on one PostgreSQL
     * database. A process-local cache of what the store holds can be kept exact only when this is false, since then
     * every change passes through this object ({@code CachingMetadataStore}). A store that cannot rule out other
     * writers answers true, which is the default.
     */
    default boolean isShared() {
        return true;
    }

    /** A short human description for the start-up line, e.g. {@code sqlite:/data/metadata.db}. */
    String describe();

    @Override
    void close();
}
