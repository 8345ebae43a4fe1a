package io.stowage.metadata.jdbc;

import java.util.List;

/**
 * The one list of schema migrations, shared by every engine. A later change appends a {@link Migration}; released
 * ones are never edited, because databases out there were created by them. In particular SQLite's rendering of
 * version 1 is, byte for byte, the DDL that existing SQLite databases were created with.
 *
 * <p>Timestamps are epoch milliseconds in {@code {integer}} columns, annotations a JSON object in a text column:
 * plain types that read back identically on every engine.
 */
public final class Migrations {

    public static final List<Migration> ALL = List.of(
            new Migration(1, List.of(
                    """
                    CREATE TABLE repositories (
                        id         {key},
                        name       {text}    NOT NULL UNIQUE,
                        created_at {integer} NOT NULL)""",
                    """
                    CREATE TABLE blobs (
                        digest     {text}    PRIMARY KEY,
                        size       {integer} NOT NULL CHECK (size >= 0),
                        created_at {integer} NOT NULL)""",
                    """
                    CREATE TABLE repository_blobs (
                        repository_id {integer} NOT NULL REFERENCES repositories (id),
                        digest        {text}    NOT NULL REFERENCES blobs (digest),
                        linked_at     {integer} NOT NULL,
                        PRIMARY KEY (repository_id, digest))""",
                    "CREATE INDEX repository_blobs_by_digest ON repository_blobs (digest, repository_id)",
                    """
                    CREATE TABLE manifests (
                        repository_id  {integer} NOT NULL REFERENCES repositories (id),
                        digest         {text}    NOT NULL,
                        media_type     {text}    NOT NULL,
                        content        {bytes}    NOT NULL,
                        artifact_type  {text},
                        subject_digest {text},
                        annotations    {text},
                        created_at     {integer} NOT NULL,
                        PRIMARY KEY (repository_id, digest))""",
                    """
                    CREATE INDEX manifests_by_subject ON manifests (repository_id, subject_digest, digest)
                        WHERE subject_digest IS NOT NULL""",
                    """
                    CREATE TABLE tags (
                        repository_id   {integer} NOT NULL,
                        name            {text}    NOT NULL,
                        manifest_digest {text}    NOT NULL,
                        updated_at      {integer} NOT NULL,
                        PRIMARY KEY (repository_id, name),
                        FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest))""",
                    "CREATE INDEX tags_by_manifest ON tags (repository_id, manifest_digest)",
                    // Tag lists are in the spec's case-insensitive order, ties broken by exact name (Tag.ORDER).
                    "CREATE INDEX tags_in_listing_order ON tags (repository_id, {fold:name}, name)",
                    """
                    CREATE TABLE manifest_blob_refs (
                        repository_id   {integer} NOT NULL,
                        manifest_digest {text}    NOT NULL,
                        blob_digest     {text}    NOT NULL REFERENCES blobs (digest),
                        PRIMARY KEY (repository_id, manifest_digest, blob_digest),
                        FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest))""",
                    "CREATE INDEX manifest_blob_refs_by_blob ON manifest_blob_refs (blob_digest)",
                    // child_digest has no foreign key on purpose: a child listed by an index may be deleted.
                    """
                    CREATE TABLE manifest_refs (
                        repository_id {integer} NOT NULL,
                        parent_digest {text}    NOT NULL,
                        child_digest  {text}    NOT NULL,
                        PRIMARY KEY (repository_id, parent_digest, child_digest),
                        FOREIGN KEY (repository_id, parent_digest) REFERENCES manifests (repository_id, digest))""",
                    "CREATE INDEX manifest_refs_by_child ON manifest_refs (repository_id, child_digest)",
                    // An upload names its repository rather than referencing it: the repository may not exist yet.
                    """
                    CREATE TABLE uploads (
                        id         {text}    PRIMARY KEY,
                        repository {text}    NOT NULL,
                        started_at {integer} NOT NULL,
                        updated_at {integer} NOT NULL)""",
                    "CREATE INDEX uploads_by_activity ON uploads (updated_at, id)")),
            // Leases: one node at a time runs each background job.
            new Migration(2, List.of(
                    """
                    CREATE TABLE leases (
                        name       {text}    PRIMARY KEY,
                        holder     {text}    NOT NULL,
                        expires_at {integer} NOT NULL)""")),
            // Garbage collection: when a blob was last claimed or linked (the grace period counts from there), a
            // generation that tells a re-created row from the one a push claimed, and tombstones for blobs whose
            // rows are gone and whose bytes are being deleted.
            new Migration(3, List.of(
                    "ALTER TABLE blobs ADD COLUMN touched_at {integer} NOT NULL DEFAULT 0",
                    "ALTER TABLE blobs ADD COLUMN generation {integer} NOT NULL DEFAULT 0",
                    "UPDATE blobs SET touched_at = created_at",
                    "CREATE INDEX blobs_by_touch ON blobs (touched_at, digest)",
                    "CREATE INDEX manifest_blob_refs_by_repository ON manifest_blob_refs (repository_id, blob_digest)",
                    """
                    CREATE TABLE blob_tombstones (
                        digest       {text}    PRIMARY KEY,
                        size         {integer} NOT NULL,
                        condemned_at {integer} NOT NULL)""")),
            // Scrub: when a blob's stored bytes were last re-hashed, and since when they are known to be bad.
            new Migration(4, List.of(
                    "ALTER TABLE blobs ADD COLUMN verified_at {integer} NOT NULL DEFAULT 0",
                    "ALTER TABLE blobs ADD COLUMN corrupt_since {integer}",
                    "CREATE INDEX blobs_by_verification ON blobs (verified_at, digest)")),
            // Access control: users and their groups, robot accounts, namespaces with the grants and per-repository
            // rules on them, and the append-only audit log. Flags are 0/1 integers, as the engines share no boolean
            // type. A grant names its principal rather than referencing it, since it may be a user, a robot or a
            // group (which is only a name); the store deletes the grants of a deleted account itself. Audit events
            // name identities and repositories as they were, and reference nothing: they outlive what they name.
            new Migration(5, List.of(
                    """
                    CREATE TABLE users (
                        username      {text}    PRIMARY KEY,
                        password_hash {text}    NOT NULL,
                        administrator {integer} NOT NULL CHECK (administrator IN (0, 1)),
                        disabled      {integer} NOT NULL CHECK (disabled IN (0, 1)),
                        created_at    {integer} NOT NULL,
                        updated_at    {integer} NOT NULL)""",
                    """
                    CREATE TABLE group_members (
                        group_name {text} NOT NULL,
                        username   {text} NOT NULL REFERENCES users (username),
                        PRIMARY KEY (group_name, username))""",
                    "CREATE INDEX group_members_by_user ON group_members (username, group_name)",
                    // scopes: a JSON array of strings, in the order given.
                    """
                    CREATE TABLE robots (
                        name        {text}    PRIMARY KEY,
                        secret_hash {text}    NOT NULL,
                        scopes      {text}    NOT NULL,
                        expires_at  {integer},
                        revoked_at  {integer},
                        created_by  {text}    NOT NULL,
                        created_at  {integer} NOT NULL)""",
                    """
                    CREATE TABLE namespaces (
                        name        {text}    PRIMARY KEY,
                        public_pull {integer} NOT NULL CHECK (public_pull IN (0, 1)),
                        created_at  {integer} NOT NULL)""",
                    """
                    CREATE TABLE grants (
                        namespace      {text} NOT NULL REFERENCES namespaces (name),
                        principal_kind {text} NOT NULL,
                        principal      {text} NOT NULL,
                        role           {text} NOT NULL,
                        PRIMARY KEY (namespace, principal_kind, principal))""",
                    "CREATE INDEX grants_by_principal ON grants (principal_kind, principal, namespace)",
                    // role NULL: the rule denies.
                    """
                    CREATE TABLE repository_rules (
                        id              {key},
                        namespace       {text} NOT NULL REFERENCES namespaces (name),
                        repository_glob {text} NOT NULL,
                        principal_kind  {text} NOT NULL,
                        principal       {text} NOT NULL,
                        role            {text})""",
                    "CREATE INDEX repository_rules_by_namespace ON repository_rules (namespace, id)",
                    "CREATE INDEX repository_rules_by_principal ON repository_rules (principal_kind, principal)",
                    """
                    CREATE TABLE audit_events (
                        id             {key},
                        occurred_at    {integer} NOT NULL,
                        identity       {text},
                        client_address {text}    NOT NULL,
                        user_agent     {text}    NOT NULL,
                        action         {text}    NOT NULL,
                        repository     {text},
                        reference      {text},
                        result         {text}    NOT NULL,
                        detail         {text})""",
                    // Queries filter on these and page by id.
                    "CREATE INDEX audit_events_by_identity ON audit_events (identity, id)",
                    "CREATE INDEX audit_events_by_repository ON audit_events (repository, id)",
                    "CREATE INDEX audit_events_by_time ON audit_events (occurred_at)")),
            // Token signing keys, shared so that every node signs with the current key and verifies what any node
            // signed. private_key_pem is PEM text kept exactly as given (line breaks included); it is a secret.
            // There are few keys, listed whole: no index beyond the key.
            new Migration(6, List.of(
                    """
                    CREATE TABLE signing_keys (
                        kid             {text}    PRIMARY KEY,
                        algorithm       {text}    NOT NULL,
                        private_key_pem {text}    NOT NULL,
                        created_at      {integer} NOT NULL,
                        retired_at      {integer})""")),
            // Lifecycle: when tags and manifests were last pulled (NULL: never, or not since this version), a storage
            // quota per namespace in bytes (NULL: none; it goes with its namespace's row), and the rules that make
            // tags immutable (repository_glob NULL: every repository of the namespace). Pull times are written in
            // coalesced batches, never once per pull, so they need no index of their own.
            new Migration(7, List.of(
                    "ALTER TABLE tags ADD COLUMN last_pulled_at {integer}",
                    "ALTER TABLE manifests ADD COLUMN last_pulled_at {integer}",
                    "ALTER TABLE namespaces ADD COLUMN quota_bytes {integer} CHECK (quota_bytes >= 0)",
                    """
                    CREATE TABLE immutability_rules (
                        id              {key},
                        namespace       {text} NOT NULL REFERENCES namespaces (name),
                        repository_glob {text},
                        tag_regex       {text} NOT NULL)""",
                    "CREATE INDEX immutability_rules_by_namespace ON immutability_rules (namespace, id)")),
            // Retention: policies per namespace (repository_glob NULL: every repository of the namespace; any other
            // NULL: that rule is not set; periods in milliseconds). Evaluating them reads tags and manifests through
            // the indexes that exist already (tags_by_manifest, manifest_refs_by_child, manifests_by_subject).
            new Migration(8, List.of(
                    """
                    CREATE TABLE retention_policies (
                        id                     {key},
                        namespace              {text}    NOT NULL REFERENCES namespaces (name),
                        repository_glob        {text},
                        keep_last_tags         {integer} CHECK (keep_last_tags >= 0),
                        keep_pushed_within_ms  {integer} CHECK (keep_pushed_within_ms > 0),
                        keep_pulled_within_ms  {integer} CHECK (keep_pulled_within_ms > 0),
                        include_tags           {text},
                        exclude_tags           {text},
                        untagged_older_than_ms {integer} CHECK (untagged_older_than_ms > 0),
                        enabled                {integer} NOT NULL CHECK (enabled IN (0, 1)))""",
                    "CREATE INDEX retention_policies_by_namespace ON retention_policies (namespace, id)")),
            // Small blobs kept in the index itself (BlobIndex.claimInline): one row beside their blobs row, which
            // takes it along when garbage collection deletes the blob.
            new Migration(9, List.of(
                    """
                    CREATE TABLE blob_contents (
                        digest  {text}  PRIMARY KEY REFERENCES blobs (digest) ON DELETE CASCADE,
                        content {bytes} NOT NULL)""")),
            // The first bytes of an upload session, while they are few (UploadIndex.hold): a small blob sent in one
            // PATCH, then a PUT, needs no upload object either.
            new Migration(10, List.of("ALTER TABLE uploads ADD COLUMN held {bytes}")));

    private Migrations() {
    }
}
