package io.stowage.http.headers;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParametersProperties {

    @Property
    void encodedNamesAndValuesRoundTrip(@ForAll("text") String name, @ForAll("text") String value) {
        QueryParameters query = QueryParameters.parse("x=1&" + QueryParameters.encode(name) + "=" + QueryParameters.encode(value));

        if (!name.equals("x")) {
            assertThat(query.first(name)).contains(value);
            assertThat(query.all(name)).containsExactly(value);
        }
    }

    @Property
    void repeatedParametersKeepTheirOrder(@ForAll("values") List<String> values) {
        String raw = values.stream().map(v -> "tag=" + QueryParameters.encode(v)).collect(Collectors.joining("&"));

        QueryParameters query = QueryParameters.parse(raw);

        assertThat(query.all("tag")).isEqualTo(values);
        assertThat(query.first("tag")).isEqualTo(values.stream().findFirst());
    }

    @Property
    void encodingLeavesOnlyUnreservedCharactersAndEscapes(@ForAll("text") String value) {
        assertThat(QueryParameters.encode(value)).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
    }

    @Property
    void encodingAnyStringEitherRoundTripsOrRefusesALoneSurrogate(@ForAll String value) {
        String encoded;
        try {
            encoded = QueryParameters.encode(value);
        } catch (IllegalArgumentException e) {
            assertThat(value.codePoints()).anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
            return;
        }
        assertThat(QueryParameters.parse("v=" + encoded).first("v")).contains(value);
    }

    @Property
    void arbitraryQueriesOnlyEverFailAsIllegalArguments(@ForAll("queryLike") String raw) {
        try {
            QueryParameters.parse(raw);
        } catch (IllegalArgumentException expected) {
            assertThat(raw).contains("%");
        }
    }

    @Example
    void decodingRules() {
        QueryParameters query = QueryParameters.parse("digest=sha256%3Aabc&last=a+b&empty=&bare&&n=10&last=%E2%82%AC%f0%9f%90%b3");

        assertThat(query.first("digest")).contains("sha256:abc");
        assertThat(query.all("last")).containsExactly("a b", "\u20ac\ud83d\udc33");
        assertThat(query.first("empty")).contains("");
        assertThat(query.first("bare")).contains("");
        assertThat(query.first("n")).contains("10");
        assertThat(query.first("missing")).isEmpty();
        assertThat(query.all("missing")).isEmpty();
        assertThat(query.first("a=b")).isEmpty();
        assertThat(QueryParameters.parse("k=a=b").first("k")).contains("a=b");
        assertThat(QueryParameters.parse("k=%2B%26%3D%25").first("k")).contains("+&=%");
        assertThat(QueryParameters.parse("k=\u00e9").first("k")).contains("\u00e9");
    }

    @Example
    void anAbsentQueryHasNoParameters() {
        assertThat(QueryParameters.parse(null).first("n")).isEmpty();
        assertThat(QueryParameters.parse("").all("n")).isEmpty();
    }

    @Example
    void malformedEscapesAreRefused() {
        for (String raw : new String[]{"k=%", "k=%4", "k=%zz", "k=%4g", "%=v", "k=%e9", "k=%c3", "k=%ff%fe",
                "k=%ed%a0%80", "k=%\u0661\u0661", "k=%\uff10\uff10"}) {
            assertThatThrownBy(() -> QueryParameters.parse(raw)).as(raw).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Example
    void encodingExamples() {
        assertThat(QueryParameters.encode("v1.0_rc-2~x")).isEqualTo("v1.0_rc-2~x");
        assertThat(QueryParameters.encode("a b+c&d=e/f")).isEqualTo("a%20b%2Bc%26d%3De%2Ff");
        assertThat(QueryParameters.encode("\u20ac")).isEqualTo("%E2%82%AC");
        assertThatThrownBy(() -> QueryParameters.encode("\ud800")).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> special = Arbitraries.of((int) '+', (int) '%', (int) '&', (int) '=', (int) ' ', (int) '#', 0);
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0, 127);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(Tuple.of(1, special), Tuple.of(3, ascii), Tuple.of(2, any));
        return codePoint.list().ofMaxSize(20)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }

    @Provide
    Arbitrary<List<String>> values() {
        return text().list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> queryLike() {
        return Arbitraries.strings().withChars("ab=&+%0123456789ABCDEFcdefgz\u00e9").ofMaxLength(30);
    }
}
