package io.stowage.service.access;

import io.stowage.security.scope.Action;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RobotScope#parse}: {@code repository:<glob>:<actions>} or an {@link IllegalArgumentException}, never worse. */
class RobotScopeProperties {

    @Property(tries = 1000)
    void anyTextIsAScopeOrAnIllegalArgumentException(@ForAll("texts") String text) {
        try {
            RobotScope scope = RobotScope.parse(text);
            assertThat(text).startsWith("repository:");
            assertThat(scope.actions()).isNotEmpty().doesNotContain(Action.ALL);
        } catch (IllegalArgumentException expected) {
            // refused: fine
        }
    }

    @Property(tries = 500)
    void theCanonicalFormParsesBackToAnEqualScope(@ForAll("globs") String glob, @ForAll("actionSets") Set<Action> actions) {
        RobotScope scope = new RobotScope(RepositoryGlob.parse(glob), actions);
        RobotScope again = RobotScope.parse(scope.toString());
        assertThat(again).isEqualTo(scope);
        assertThat(again.toString()).isEqualTo(scope.toString());
    }

    @Property(tries = 500)
    void parsedActionsAreTheOnesWritten(@ForAll("globs") String glob, @ForAll("actionIds") List<String> ids) {
        RobotScope scope = RobotScope.parse("repository:" + glob + ":" + String.join(",", ids));
        assertThat(scope.repositories().text()).isEqualTo(glob);
        EnumSet<Action> expected = EnumSet.noneOf(Action.class);
        for (String id : ids) {
            expected.add(Action.fromId(id.trim()).orElseThrow());
        }
        assertThat(scope.actions()).isEqualTo(RobotScope.expand(expected));
    }

    @Example
    void examples() {
        RobotScope scope = RobotScope.parse("repository:team-a/**:pull,push");
        assertThat(scope.repositories().text()).isEqualTo("team-a/**");
        assertThat(scope.actions()).containsExactlyInAnyOrder(Action.PULL, Action.PUSH);
        assertThat(RobotScope.parse("repository:x:*").actions())
                .containsExactlyInAnyOrder(Action.PULL, Action.PUSH, Action.DELETE);
        assertThat(RobotScope.parse("repository:x: pull , delete").actions())
                .containsExactlyInAnyOrder(Action.PULL, Action.DELETE);
        // the glob is everything between the prefix and the last colon
        assertThat(RobotScope.parse("repository:a:b:pull").repositories().text()).isEqualTo("a:b");
        for (String bad : List.of("", "repository:", "repository::pull", "repository:x", "repository:x:",
                "repository:x:pull,", "repository:x:admin", "registry:catalog:*", "Repository:x:pull",
                "repository:" + "a".repeat(257) + ":pull", "repository:a\u0000b:pull")) {
            assertThatThrownBy(() -> RobotScope.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RobotScope.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.oneOf(Arbitraries.of("repository:", ":", ",", "pull", "push",
                "delete", "*", "**", " ", "team-a/", "a", "\u0000", "é", "registry"), Arbitraries.strings().ofMaxLength(5));
        return Arbitraries.oneOf(pieces.list().ofMaxSize(12).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(300));
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars('a', 'z', '/', '*', '?', '-', ':', '.').ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<Set<Action>> actionSets() {
        return Arbitraries.of(Action.class).set().ofMinSize(1);
    }

    @Provide
    Arbitrary<List<String>> actionIds() {
        Arbitrary<String> id = Combinators.combine(Arbitraries.of("pull", "push", "delete", "*"),
                Arbitraries.of("", " "), Arbitraries.of("", " ")).as((a, before, after) -> before + a + after);
        return id.list().ofMinSize(1).ofMaxSize(5);
    }
}
