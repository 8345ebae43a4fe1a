package io.stowage.storage.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3SettingsTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:7480");
    private static final String SECRET = "very-secret-key-value";

    private static S3Settings withEndpoint(URI endpoint) {
        return new S3Settings(endpoint, "us-east-1", "bucket", "ACCESS", SECRET, "", false);
    }

    private static S3Settings withBucket(String bucket) {
        return new S3Settings(ENDPOINT, "us-east-1", bucket, "ACCESS", SECRET, "", false);
    }

    private static S3Settings withKeyPrefix(String keyPrefix) {
        return new S3Settings(ENDPOINT, "us-east-1", "bucket", "ACCESS", SECRET, keyPrefix, false);
    }

    @Test
    void validSettingsKeepTheirValues() {
        S3Settings settings = new S3Settings(URI.create("https://s3.example.com"), "eu-west-1", "my.bucket-1",
                "ACCESS", SECRET, "reg/", true);

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://s3.example.com"));
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.bucket()).isEqualTo("my.bucket-1");
        assertThat(settings.keyPrefix()).isEqualTo("reg/");
        assertThat(settings.presignedDownloads()).isTrue();
    }

    @Test
    void toStringShowsEverythingButTheSecretKey() {
        String printed = new S3Settings(ENDPOINT, "us-east-1", "bucket", "ACCESS", SECRET, "p/", true).toString();

        assertThat(printed).doesNotContain(SECRET).doesNotContain("very-secret")
                .contains("http://127.0.0.1:7480", "us-east-1", "bucket", "ACCESS", "p/", "presignedDownloads=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:7480", "/relative", "ftp://host/", "http://user:secret@host/",
            "http://host/?query", "http://host/#fragment", "mailto:someone@example.com", "http:///path"})
    void endpointsOtherThanPlainHttpUrisAreRejected(String endpoint) {
        assertThatThrownBy(() -> withEndpoint(URI.create(endpoint))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingValuesAreRejected() {
        assertThatThrownBy(() -> withEndpoint(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Settings(ENDPOINT, " ", "bucket", "A", SECRET, "", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Settings(ENDPOINT, null, "bucket", "A", SECRET, "", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Settings(ENDPOINT, "us-east-1", "bucket", null, SECRET, "", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Settings(ENDPOINT, "us-east-1", "bucket", "A", null, "", false))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(SECRET);
        assertThatThrownBy(() -> withKeyPrefix(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a-b.c", "0bucket", "stowage-contract", "a23456789012345678901234567890123456789012345678901234567890123"})
    void validBucketNamesAreAccepted(String bucket) {
        assertThat(withBucket(bucket).bucket()).isEqualTo(bucket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Bucket", "under_score", "-lead", "trail-", "a..b", "192.168.0.1", "xn--abc",
            "sthree-abc", "abc-s3alias", "abc--ol-s3", "a b", "a/b",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void invalidBucketNamesAreRejected(String bucket) {
        assertThatThrownBy(() -> withBucket(bucket)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/", "a/b/", "x_y-z.1/", "t12345678/"})
    void validKeyPrefixesAreAccepted(String keyPrefix) {
        assertThat(withKeyPrefix(keyPrefix).keyPrefix()).isEqualTo(keyPrefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "/", "/a/", "a//", ".a/", "a/.b/", "a b/", "a\\b/", "t123456789/"})
    void invalidKeyPrefixesAreRejected(String keyPrefix) {
        assertThatThrownBy(() -> withKeyPrefix(keyPrefix)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLongestKeyPrefixLeavesRoomForTheLongestKeyAndTheBookkeeping() {
        assertThat(S3Settings.MAX_KEY_PREFIX_LENGTH).isEqualTo(10);
        assertThat(withKeyPrefix("p".repeat(9) + "/").keyPrefix()).hasSize(10);
    }
}
