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
                    "CREATE INDEX blobs_by_verification ON blobs (verified_at, digest)")));

    private Migrations() {
    }
}
