package io.stowage.service;

import io.stowage.metadata.BlobIndex;
import io.stowage.metadata.BlobRecord;
import io.stowage.oci.Digest;
import io.stowage.storage.ObjectNotFoundException;
import io.stowage.storage.ObjectStore;

import java.io.IOException;
import java.security.MessageDigest;

/**
 * Re-hashes a blob's stored bytes against its digest and size: what the scrub does to every blob in turn, and what a
 * download that did not match its digest does to tell a corrupt blob from a bad read.
 */
public final class StoredBlobCheck {

    private StoredBlobCheck() {
    }

    /** What the stored bytes are. */
    public enum Verdict {
        /** They match the digest and size. */
        SOUND,
        /** There are none. */
        MISSING,
        /** They do not match the digest or the size. */
        MISMATCH,
        /** Storage failed to deliver them: not proof of anything (see {@link Result#failure()}). */
        UNREADABLE
    }

    /** A verdict, with the storage's failure when {@link Verdict#UNREADABLE}. */
    public record Result(Verdict verdict, IOException failure) {
    }

    /** Checks the blob's bytes where they are: inline in the index ({@link BlobRecord#inline}) or in {@code objects}. */
    public static Result check(ObjectStore objects, BlobIndex blobs, BlobRecord blob) {
        if (!blob.inline()) {
            return check(objects, blob.digest(), blob.size());
        }
        return blobs.content(blob.digest())
                .map(content -> new Result(matches(blob, content) ? Verdict.SOUND : Verdict.MISMATCH, null))
                .orElseGet(() -> new Result(Verdict.MISSING, null));
    }

    /** Whether {@code content} is the blob's: its size and digest. */
    public static boolean matches(BlobRecord blob, byte[] content) {
        return content.length == blob.size() && Digest.of(blob.digest().algorithm(), content).equals(blob.digest());
    }

    public static Result check(ObjectStore objects, Digest digest, long size) {
        MessageDigest hash = digest.algorithm().newMessageDigest();
        long read;
        try {
            read = ObjectHashing.hash(objects, StorageLayout.blobKey(digest), hash);
        } catch (ObjectNotFoundException e) {
            return new Result(Verdict.MISSING, null);
        } catch (IOException e) {
            return new Result(Verdict.UNREADABLE, e);
        }
        boolean sound = read == size && Digest.of(digest.algorithm(), hash).equals(digest);
        return new Result(sound ? Verdict.SOUND : Verdict.MISMATCH, null);
    }
}
