package io.stowage.metadata.jdbc;

import io.stowage.metadata.UploadIndex;
import io.stowage.metadata.UploadRecord;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link UploadIndex} on the {@code uploads} table. Creating an upload does not create its repository. */
final class JdbcUploadIndex implements UploadIndex {

    private final Transactions transactions;

    JdbcUploadIndex(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Fails with a {@code MetadataException} if the id is already in use. */
    @Override
    public void create(UploadRecord upload) {
        Objects.requireNonNull(upload, "upload");
        transactions.writeUnsynced("create upload", c -> {
            UploadsTable.insert(c, upload);
            return null;
        });
    }

    @Override
    public Optional<UploadRecord> find(String id) {
        return transactions.read("find upload", c -> UploadsTable.find(c, id));
    }

    /** Touching an unknown session does nothing: it may have been purged concurrently. */
    @Override
    public void touch(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        transactions.writeUnsynced("touch upload", c -> {
            UploadsTable.touch(c, id, at);
            return null;
        });
    }

    @Override
    public boolean delete(String id) {
        return transactions.writeUnsynced("delete upload", c -> UploadsTable.delete(c, id));
    }

    @Override
    public boolean hold(String id, byte[] bytes, Instant at) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(at, "at");
        return transactions.writeUnsynced("hold upload bytes", c -> UploadsTable.hold(c, id, bytes, at));
    }

    @Override
    public Optional<byte[]> held(String id) {
        return transactions.read("read held upload bytes", c -> UploadsTable.held(c, id));
    }

    @Override
    public void release(String id) {
        transactions.writeUnsynced("release upload bytes", c -> {
            UploadsTable.release(c, id);
            return null;
        });
    }

    @Override
    public List<UploadRecord> inactiveSince(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        Limits.check(limit);
        return transactions.read("list inactive uploads", c -> UploadsTable.inactiveSince(c, cutoff, limit));
    }

    @Override
    public long count() {
        return transactions.read("count uploads", UploadsTable::count);
    }
}
