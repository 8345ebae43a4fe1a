package io.stowage.http.headers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkHeaderTest {

    @Test
    void pointsAtTheNextPage() {
        assertThat(LinkHeader.next("/v2/library/alpine/tags/list?n=2&last=" + QueryParameters.encode("v1.0 beta")))
                .isEqualTo("</v2/library/alpine/tags/list?n=2&last=v1.0%20beta>; rel=\"next\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2/a b", "/v2/a\r\nSet-Cookie: x", "/v2/a>; rel=\"prev\"", "/v2/<a", "/v2/\u00e9"})
    void refusesTargetsThatAreNotEncoded(String target) {
        assertThatThrownBy(() -> LinkHeader.next(target)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> LinkHeader.next(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
