CREATE TABLE repositories (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL)
;
CREATE TABLE blobs (
    digest     TEXT    PRIMARY KEY,
    size       INTEGER NOT NULL CHECK (size >= 0),
    created_at INTEGER NOT NULL)
;
CREATE TABLE repository_blobs (
    repository_id INTEGER NOT NULL REFERENCES repositories (id),
    digest        TEXT    NOT NULL REFERENCES blobs (digest),
    linked_at     INTEGER NOT NULL,
    PRIMARY KEY (repository_id, digest))
;
CREATE INDEX repository_blobs_by_digest ON repository_blobs (digest, repository_id)
;
CREATE TABLE manifests (
    repository_id  INTEGER NOT NULL REFERENCES repositories (id),
    digest         TEXT    NOT NULL,
    media_type     TEXT    NOT NULL,
    content        BLOB    NOT NULL,
    artifact_type  TEXT,
    subject_digest TEXT,
    annotations    TEXT,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (repository_id, digest))
;
CREATE INDEX manifests_by_subject ON manifests (repository_id, subject_digest, digest)
    WHERE subject_digest IS NOT NULL
;
CREATE TABLE tags (
    repository_id   INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    manifest_digest TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (repository_id, name),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest))
;
CREATE INDEX tags_by_manifest ON tags (repository_id, manifest_digest)
;
CREATE INDEX tags_in_listing_order ON tags (repository_id, name COLLATE NOCASE, name)
;
CREATE TABLE manifest_blob_refs (
    repository_id   INTEGER NOT NULL,
    manifest_digest TEXT    NOT NULL,
    blob_digest     TEXT    NOT NULL REFERENCES blobs (digest),
    PRIMARY KEY (repository_id, manifest_digest, blob_digest),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest))
;
CREATE INDEX manifest_blob_refs_by_blob ON manifest_blob_refs (blob_digest)
;
CREATE TABLE manifest_refs (
    repository_id INTEGER NOT NULL,
    parent_digest TEXT    NOT NULL,
    child_digest  TEXT    NOT NULL,
    PRIMARY KEY (repository_id, parent_digest, child_digest),
    FOREIGN KEY (repository_id, parent_digest) REFERENCES manifests (repository_id, digest))
;
CREATE INDEX manifest_refs_by_child ON manifest_refs (repository_id, child_digest)
;
CREATE TABLE uploads (
    id         TEXT    PRIMARY KEY,
    repository TEXT    NOT NULL,
    started_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL)
;
CREATE INDEX uploads_by_activity ON uploads (updated_at, id)
;
