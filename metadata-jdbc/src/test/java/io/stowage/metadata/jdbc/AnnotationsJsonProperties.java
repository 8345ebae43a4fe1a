package io.stowage.metadata.jdbc;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnnotationsJsonProperties {

    @Property
    void anyAnnotationsRoundTrip(@ForAll Map<String, String> annotations) throws CorruptRowException {
        assertThat(AnnotationsJson.read(AnnotationsJson.write(annotations))).isEqualTo(annotations);
    }

    @Property
    void equalAnnotationsStoreAsEqualText(@ForAll Map<String, String> annotations) {
        assertThat(AnnotationsJson.write(Map.copyOf(annotations))).isEqualTo(AnnotationsJson.write(annotations));
    }

    @Example
    void noAnnotationsStoreAsNull() throws CorruptRowException {
        assertThat(AnnotationsJson.write(Map.of())).isNull();
        assertThat(AnnotationsJson.read(null)).isEmpty();
    }

    @Example
    void storedTextThatIsNoObjectOfStringsIsACorruptRow() {
        assertThatThrownBy(() -> AnnotationsJson.read("[1,2]")).isInstanceOf(CorruptRowException.class);
        assertThatThrownBy(() -> AnnotationsJson.read("{\"a\":null}")).isInstanceOf(CorruptRowException.class);
        assertThatThrownBy(() -> AnnotationsJson.read("null")).isInstanceOf(CorruptRowException.class);
        assertThatThrownBy(() -> AnnotationsJson.read("{")).isInstanceOf(CorruptRowException.class);
    }
}
