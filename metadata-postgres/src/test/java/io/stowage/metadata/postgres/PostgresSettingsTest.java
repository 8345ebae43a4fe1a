package io.stowage.metadata.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresSettingsTest {

    private static final String URL = "jdbc:postgresql://db.internal:5432/stowage";

    @Test
    void validSettingsKeepTheirValues() {
        PostgresSettings settings = new PostgresSettings(URL, "stowage", "pw", 20);

        assertThat(settings.url()).isEqualTo(URL);
        assertThat(settings.user()).isEqualTo("stowage");
        assertThat(settings.password()).isEqualTo("pw");
        assertThat(settings.maxConnections()).isEqualTo(20);
        assertThat(new PostgresSettings(URL, "stowage", null, 1).password()).isNull();
        assertThat(new PostgresSettings(URL, "stowage", "pw", 200).maxConnections()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://db/stowage", "jdbc:postgres://db/stowage", "jdbc:mysql://db/x",
            "jdbc:postgresql:stowage", "jdbc:postgresql://", " jdbc:postgresql://db/stowage"})
    void onlyPgjdbcUrlsWithAHostAreAccepted(String url) {
        assertThatThrownBy(() -> new PostgresSettings(url, "stowage", "pw", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the PostgreSQL URL must start with jdbc:postgresql://");
    }

    @Test
    void aRefusedUrlIsNotQuotedAsItMayHoldAPassword() {
        assertThatThrownBy(() -> new PostgresSettings("postgresql://db/x?password=s3cr3t", "stowage", null, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 201, Integer.MAX_VALUE})
    void thePoolSizeIsBetweenOneAndTwoHundred(int maxConnections) {
        assertThatThrownBy(() -> new PostgresSettings(URL, "stowage", "pw", maxConnections))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 and 200");
    }

    @Test
    void aUserIsRequired() {
        assertThatThrownBy(() -> new PostgresSettings(URL, null, "pw", 10)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PostgresSettings(URL, " ", "pw", 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresSettings(null, "u", "pw", 10)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringNeverShowsThePassword() {
        String secret = "s3cr3t-Pa55";
        PostgresSettings settings = new PostgresSettings(URL + "?sslmode=require&password=" + secret, "stowage",
                secret, 10);

        assertThat(settings.toString()).doesNotContain(secret)
                .isEqualTo("PostgresSettings[url=" + URL + ", user=stowage, password=(hidden), maxConnections=10]");
        assertThat(new PostgresSettings(URL, "stowage", null, 10).toString()).contains("password=(none)");
    }

    @Test
    void theRedactedUrlDropsUserInfoQueryAndFragment() {
        assertThat(new PostgresSettings(URL, "u", null, 1).redactedUrl()).isEqualTo(URL);
        assertThat(new PostgresSettings(URL + "?user=u&password=p", "u", null, 1).redactedUrl()).isEqualTo(URL);
        assertThat(new PostgresSettings("jdbc:postgresql://u:p@db.internal:5432/stowage", "u", null, 1)
                .redactedUrl()).isEqualTo(URL);
        assertThat(new PostgresSettings("jdbc:postgresql://h1:5432,h2:5433/stowage?targetServerType=primary#x", "u",
                null, 1).redactedUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/stowage");
        assertThat(new PostgresSettings("jdbc:postgresql://db?password=p", "u", null, 1).redactedUrl())
                .isEqualTo("jdbc:postgresql://db");
    }
}
