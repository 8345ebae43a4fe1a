package io.stowage.storage.fs;

import io.stowage.storage.ObjectNotFoundException;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.ObjectStoreContract;
import io.stowage.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FileSystemObjectStoreTest extends ObjectStoreContract {

    @TempDir
    Path temp;
    private Path root;

    @Override
    protected ObjectStore createStore() {
        root = temp.resolve("store");
        return FileSystemObjectStore.open(root);
    }

    @Test
    void describesItselfByItsAbsoluteRoot() {
        assertThat(store.describe()).isEqualTo("filesystem:" + root.toAbsolutePath());
    }

    @Test
    void openCreatesTheRootWithItsMissingParents() {
        Path nested = temp.resolve("a/b/c");

        try (ObjectStore opened = FileSystemObjectStore.open(nested)) {
            assertThat(nested).isDirectory();
            assertThat(opened.list("", null, 10)).isEmpty();
        }
    }

    @Test
    void openOnARegularFileFails() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> FileSystemObjectStore.open(file)).isInstanceOf(StorageException.class);
    }

    @Test
    void aKeyIsTheFileAtTheSamePathUnderTheRoot() throws IOException {
        store.append("blobs/sha256/ab/abcdef", stream("content"));

        assertThat(root.resolve("blobs/sha256/ab/abcdef")).hasContent("content");
    }

    @Test
    void filesPutThereByOthersAreObjects() throws IOException {
        Files.createDirectories(root.resolve("restored"));
        Files.writeString(root.resolve("restored/from-backup"), "old");

        assertThat(store.list("", null, 10)).containsExactly("restored/from-backup");
        assertThat(readAll("restored/from-backup", 1)).isEqualTo(utf8("ld"));
    }

    @Test
    void deletingTheLastObjectOfADirectoryRemovesTheEmptyDirectoriesButNotTheFirstLevel() throws IOException {
        store.append("a/b/c/d", stream("x"));
        store.append("a/other", stream("y"));

        store.delete("a/b/c/d");

        assertThat(root.resolve("a/b")).doesNotExist();
        assertThat(root.resolve("a")).isDirectory();
        store.delete("a/other");
        assertThat(root.resolve("a")).isEmptyDirectory();
        try (var entries = Files.list(root)) {
            assertThat(entries).containsExactly(root.resolve("a"));
        }
    }

    @Test
    void moveRemovesTheSourceDirectoryItEmptiedButKeepsTheFirstLevel() throws IOException {
        store.append("uploads/u1/data", stream("x"));

        store.move("uploads/u1/data", "blobs/b");

        assertThat(root.resolve("uploads/u1")).doesNotExist();
        assertThat(root.resolve("uploads")).isEmptyDirectory();
        assertThat(root.resolve("blobs/b")).hasContent("x");
    }

    @Test
    void anObjectRightUnderTheRootLeavesNothingBehind() throws IOException {
        store.append("single", stream("x"));

        store.delete("single");

        assertThat(root).isEmptyDirectory();
    }

    @Test
    void failedAppendTruncatesTheFileBackToItsPreviousLength() throws IOException {
        store.append("upload", stream("abc"));

        assertThatThrownBy(() -> store.append("upload", failingAfter(1024 * 1024, new IOException("client went away"))))
                .isInstanceOf(IOException.class);

        assertThat(Files.size(root.resolve("upload"))).isEqualTo(3);
    }

    @Test
    void failedAppendToANewKeyLeavesNeitherFileNorDirectoriesBelowTheFirstLevel() {
        assertThatThrownBy(() -> store.append("uploads/u1/data",
                failingAfter(1024 * 1024, new IOException("client went away"))))
                .isInstanceOf(IOException.class);

        assertThat(root.resolve("uploads")).isEmptyDirectory();
    }

    @Test
    void appendOntoTheDirectoryOfOtherKeysIsAStorageFailure() throws IOException {
        store.append("a/b", stream("x"));

        assertThatThrownBy(() -> store.append("a", stream("y"))).isInstanceOf(StorageException.class);

        assertThat(readAll("a/b", 0)).isEqualTo(utf8("x"));
    }

    @Test
    void appendBelowAnObjectIsAStorageFailure() throws IOException {
        store.append("a", stream("x"));

        assertThatThrownBy(() -> store.append("a/b", stream("y"))).isInstanceOf(StorageException.class);

        assertThat(readAll("a", 0)).isEqualTo(utf8("x"));
        assertThat(store.list("a/", null, 10)).isEmpty();
    }

    @Test
    void dotFilesAndSymbolicLinksAreNeverListed() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        store.append("dir/real", stream("x"));
        Files.writeString(root.resolve("dir/.tmp-123"), "partial");
        Files.createDirectories(root.resolve(".staging"));
        Files.writeString(root.resolve(".staging/file"), "partial");
        assumeSymbolicLinks(root.resolve("linked-dir"), outside);
        Files.createSymbolicLink(root.resolve("dir/linked-file"), outside.resolve("secret"));

        assertThat(store.list("", null, 100)).containsExactly("dir/real");
        assertThat(store.list("dir/", null, 100)).containsExactly("dir/real");
        assertThat(store.list("linked", null, 100)).isEmpty();
        assertThatThrownBy(() -> store.list("linked-dir/", null, 100)).isInstanceOf(StorageException.class);
    }

    @Test
    void aSymbolicLinkToADirectoryOutsideTheRootIsNeverFollowed() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        assumeSymbolicLinks(root.resolve("link"), outside);
        store.append("source", stream("x"));

        assertThatThrownBy(() -> store.stat("link/secret")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.read("link/secret", 0)).isInstanceOf(StorageException.class)
                .isNotInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.append("link/secret", stream("overwritten")))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.append("link/new/file", stream("planted")))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.move("source", "link/moved")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.move("link/secret", "stolen")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.delete("link/secret")).isInstanceOf(StorageException.class);

        assertThat(outside.resolve("secret")).hasContent("s");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.toList()).containsExactly(outside.resolve("secret"));
        }
        assertThat(readAll("source", 0)).isEqualTo(utf8("x"));
        assertThat(store.stat("stolen")).isEmpty();
    }

    @Test
    void aSymbolicLinkInPlaceOfAnObjectIsNeverFollowed() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret"), "s");
        assumeSymbolicLinks(root.resolve("blob"), secret);
        store.append("source", stream("x"));

        assertThatThrownBy(() -> store.stat("blob")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.read("blob", 0)).isInstanceOf(StorageException.class)
                .isNotInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.append("blob", stream("overwritten"))).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.move("blob", "stolen")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.move("source", "blob")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.delete("blob")).isInstanceOf(StorageException.class);

        assertThat(secret).hasContent("s");
        assertThat(readAll("source", 0)).isEqualTo(utf8("x"));
        assertThat(store.stat("stolen")).isEmpty();
    }

    private static void assumeSymbolicLinks(Path link, Path target) throws IOException {
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here: " + e);
        }
    }
}
