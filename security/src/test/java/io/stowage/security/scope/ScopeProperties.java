package io.stowage.security.scope;

import io.stowage.oci.RepositoryName;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class ScopeProperties {

    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Property(tries = 1000)
    void canonicalFormsRoundTrip(@ForAll("scopes") Scope scope) throws ScopeException {
        String canonical = scope.toString();

        Scope parsed = Scope.parse(canonical);

        assertThat(parsed).isEqualTo(scope);
        assertThat(parsed.toString()).isEqualTo(canonical);
    }

    @Property(tries = 1000)
    void anyListingOfActionsParsesToTheSameCanonicalScope(@ForAll("repositoryNames") String name,
                                                          @ForAll("actionListings") List<Action> listing)
            throws ScopeException {
        String text = "repository:" + name + ":" + String.join(",", listing.stream().map(Action::id).toList());

        Scope parsed = Scope.parse(text);

        EnumSet<Action> expected = EnumSet.copyOf(listing);
        if (expected.contains(Action.ALL)) {
            expected = EnumSet.of(Action.ALL);
        }
        assertThat(parsed.actions()).isEqualTo(expected);
        assertThat(Scope.parse(parsed.toString())).isEqualTo(parsed);
        for (Action action : Action.values()) {
            assertThat(parsed.allows(action)).isEqualTo(listing.contains(action) || listing.contains(Action.ALL));
        }
    }

    @Property(tries = 3000)
    void arbitraryInputParsesOrFailsWithScopeExceptionOnly(@ForAll("scopeLikeStrings") String text) {
        Throwable thrown = catchThrowable(() -> {
            Scope scope = Scope.parse(text);
            assertThat(Scope.parse(scope.toString())).isEqualTo(scope);
        });
        Statistics.label("parsed").collect(thrown == null);
        Statistics.label("parsed").coverage(c -> {
            c.check(true).percentage(p -> p > 5);
            c.check(false).percentage(p -> p > 20);
        });

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(ScopeException.class);
            assertThat(thrown.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void acceptedRepositoryScopesNameValidRepositories(@ForAll("scopeLikeStrings") String text) {
        Scope scope;
        try {
            scope = Scope.parse(text);
        } catch (ScopeException e) {
            return;
        }
        switch (scope.type()) {
            case REPOSITORY -> assertThat(RepositoryName.isValid(scope.name())).isTrue();
            case REGISTRY -> assertThat(scope.name()).isEqualTo("catalog");
        }
        assertThat(scope.actions()).isNotEmpty();
    }

    @Property(tries = 2000)
    void mutatedScopesAreRefusedOrStillWellFormed(@ForAll("mutatedScopes") String text) {
        Throwable thrown = catchThrowable(() -> Scope.parse(text));

        if (thrown == null) {
            assertThat(text).matches("(repository|registry):[^:]+:[a-z*]+(,[a-z*]+)*");
        } else {
            assertThat(thrown).isInstanceOf(ScopeException.class);
        }
    }

    @Property(tries = 500)
    void parametersRoundTripThroughTheirCanonicalForm(@ForAll("scopeLists") List<Scope> scopes)
            throws ScopeException {
        List<Scope> merged = Scopes.merge(scopes);

        assertThat(Scopes.parse(List.of(Scopes.format(scopes)))).isEqualTo(merged);
        assertThat(Scopes.parse(scopes.stream().map(Scope::toString).toList())).isEqualTo(merged);
        assertThat(Scopes.parse(Scopes.format(merged))).isEqualTo(merged);
    }

    @Property(tries = 500)
    void mergingUnitesActionsPerResourceInOrderOfFirstAppearance(@ForAll("scopeLists") List<Scope> scopes) {
        Map<String, EnumSet<Action>> expected = new LinkedHashMap<>();
        for (Scope scope : scopes) {
            expected.computeIfAbsent(scope.type().id() + ":" + scope.name(), k -> EnumSet.noneOf(Action.class))
                    .addAll(scope.actions());
        }

        List<Scope> merged = Scopes.merge(scopes);

        assertThat(merged).extracting(s -> s.type().id() + ":" + s.name()).containsExactlyElementsOf(expected.keySet());
        for (Scope scope : merged) {
            EnumSet<Action> actions = expected.get(scope.type().id() + ":" + scope.name());
            for (Action action : Action.values()) {
                assertThat(scope.allows(action)).isEqualTo(actions.contains(action) || actions.contains(Action.ALL));
            }
        }
    }

    @Property(tries = 1000)
    void arbitraryParametersParseOrFailWithScopeExceptionOnly(@ForAll("parameterLists") List<String> values) {
        Throwable thrown = catchThrowable(() -> Scopes.parse(values));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(ScopeException.class);
        }
    }

    @Example
    void theDockerExamples() throws ScopeException {
        Scope pushPull = Scope.parse("repository:team/app:pull,push");
        assertThat(pushPull.type()).isEqualTo(ResourceType.REPOSITORY);
        assertThat(pushPull.name()).isEqualTo("team/app");
        assertThat(pushPull.actions()).containsExactly(Action.PULL, Action.PUSH);
        assertThat(Scope.parse("repository:team/app:push,pull").toString()).isEqualTo("repository:team/app:pull,push");

        Scope catalog = Scope.parse("registry:catalog:*");
        assertThat(catalog).isEqualTo(Scope.catalog());
        assertThat(catalog.allows(Action.PULL)).isTrue();

        Scope all = Scope.parse("repository:library/ubuntu:*");
        assertThat(all.actions()).containsExactly(Action.ALL);
        assertThat(Scope.parse("repository:a:pull,*,delete"))
                .isEqualTo(new Scope(ResourceType.REPOSITORY, "a", Set.of(Action.ALL)));
        assertThat(Scope.parse("repository:a:pull,pull").toString()).isEqualTo("repository:a:pull");

        assertThat(Scope.repository(RepositoryName.parse("team/app"), Action.PUSH, Action.PULL)).isEqualTo(pushPull);
    }

    @Example
    void multipleScopesInOneAndInSeveralParameters() throws ScopeException {
        List<Scope> scopes = Scopes.parse(List.of("repository:a:pull repository:b:push", "repository:a:push",
                "registry:catalog:*"));

        assertThat(Scopes.format(scopes)).isEqualTo("repository:a:pull,push repository:b:push registry:catalog:*");
        assertThat(Scopes.parse((List<String>) null)).isEmpty();
        assertThat(Scopes.parse(List.of())).isEmpty();
    }

    @Example
    void malformedScopesAreRefused() {
        for (String bad : List.of("", ":", "::", "repository", "repository:a", "repository:a:", "repository::pull",
                ":a:pull", "repository:a:pull,", "repository:a:,pull", "repository:a:pull,,push", "repository:A:pull",
                "repository:a:PULL", "repository:a:read", "repository:a:pull push", "repository:../a:pull",
                "repository:a/:pull", "repository:localhost:5000/a:pull", "registry:a:*", "registry:catalog:",
                "repository(plugin):a:pull", "Repository:a:pull", "user:a:pull", " repository:a:pull",
                "repository:a:pull ", "repository:a:pull\n", "repository:" + "a".repeat(256) + ":pull",
                "repository:a:" + "pull,".repeat(300) + "pull")) {
            assertThatThrownBy(() -> Scope.parse(bad)).as(bad).isInstanceOf(ScopeException.class);
        }
        assertThatThrownBy(() -> Scope.parse(null)).isInstanceOf(ScopeException.class);
    }

    @Example
    void malformedParametersAreRefused() {
        for (List<String> bad : List.of(List.of(""), List.of("repository:a:pull  repository:b:pull"),
                List.of(" repository:a:pull"), List.of("repository:a:pull "), List.of("repository:a:pull,repository:b:pull"))) {
            assertThatThrownBy(() -> Scopes.parse(bad)).as(bad.toString()).isInstanceOf(ScopeException.class);
        }
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Scopes.parse(withNull)).isInstanceOf(ScopeException.class);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= Scopes.MAX_SCOPES; i++) {
            tooMany.add("repository:r" + i + ":pull");
        }
        assertThatThrownBy(() -> Scopes.parse(tooMany)).isInstanceOf(ScopeException.class);
        assertThatThrownBy(() -> Scopes.parse(String.join(" ", tooMany))).isInstanceOf(ScopeException.class);
    }

    @Example
    void programmingErrorsAreIllegalArguments() throws ScopeException {
        assertThatThrownBy(() -> new Scope(ResourceType.REPOSITORY, "A", Set.of(Action.PULL)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scope(ResourceType.REPOSITORY, "a", Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scope(null, "a", Set.of(Action.PULL))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.repository(RepositoryName.parse("a"), (Action) null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.repository(null, Action.PULL)).isInstanceOf(IllegalArgumentException.class);
        Scope scope = Scope.parse("repository:a:pull");
        assertThatThrownBy(() -> scope.actions().add(Action.PUSH)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Provide
    Arbitrary<Scope> scopes() {
        Arbitrary<Scope> repository = Combinators.combine(repositoryNames(), actionSets())
                .as((name, actions) -> new Scope(ResourceType.REPOSITORY, name, actions));
        Arbitrary<Scope> registry = actionSets().map(actions -> new Scope(ResourceType.REGISTRY, "catalog", actions));
        return Arbitraries.frequencyOf(Tuple.of(5, repository), Tuple.of(1, registry));
    }

    @Provide
    Arbitrary<List<Scope>> scopeLists() {
        // Few distinct names, so that merging has something to do.
        Arbitrary<Scope> scope = Combinators.combine(Arbitraries.of("a", "b", "team/app", "x/y/z"), actionSets())
                .as((name, actions) -> new Scope(ResourceType.REPOSITORY, name, actions));
        return Arbitraries.oneOf(scope, Arbitraries.just(Scope.catalog())).list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<String> repositoryNames() {
        Arbitrary<String> run = Arbitraries.strings().withChars(LOWER_ALNUM).ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--");
        Arbitrary<String> component = Combinators.combine(run,
                        Combinators.combine(separator, run).as(String::concat).list().ofMaxSize(2))
                .as((first, rest) -> first + String.join("", rest));
        return component.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("/", parts));
    }

    @Provide
    Arbitrary<List<Action>> actionListings() {
        return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(6);
    }

    private Arbitrary<Set<Action>> actionSets() {
        return Arbitraries.of(Action.class).set().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> mutatedScopes() {
        return Combinators.combine(scopes().map(Scope::toString), Arbitraries.integers().between(0, 300),
                Arbitraries.of(":", ",", " ", "*", "/", "..", "A", "-", "_", "\n", "(", ")", "\u00e9", ""),
                Arbitraries.integers().between(0, 2)).as((s, position, piece, kind) -> {
                    int at = position % (s.length() + 1);
                    return switch (kind) {
                        case 0 -> s.substring(0, at) + piece + s.substring(at);
                        case 1 -> at == s.length() ? s + piece : s.substring(0, at) + piece + s.substring(at + 1);
                        default -> at == s.length() ? s : s.substring(0, at) + s.substring(at + 1);
                    };
                });
    }

    @Provide
    Arbitrary<String> scopeLikeStrings() {
        Arbitrary<String> structured = Combinators.combine(
                Arbitraries.of("repository", "registry", "Repository", "repo", "", "repository(plugin)"),
                Arbitraries.oneOf(repositoryNames(), Arbitraries.of("catalog", "", "a:b", "localhost:5000/a"),
                        Arbitraries.strings().withChars("ab/._-:A ").ofMaxLength(10)),
                Arbitraries.oneOf(Arbitraries.of("pull", "push", "delete", "*", "pull,push", "", "pull,", "PULL"),
                        Arbitraries.strings().withChars("pulshdeta*,: ").ofMaxLength(15)))
                .as((type, name, actions) -> type + ":" + name + ":" + actions);
        return Arbitraries.frequencyOf(Tuple.of(2, scopes().map(Scope::toString)), Tuple.of(2, mutatedScopes()),
                Tuple.of(4, structured), Tuple.of(1, Arbitraries.strings().ofMaxLength(60)),
                Tuple.of(1, Arbitraries.strings().ofMinLength(1000).ofMaxLength(1100)));
    }

    @Provide
    Arbitrary<List<String>> parameterLists() {
        Arbitrary<String> value = Arbitraries.oneOf(
                scopeLikeStrings(),
                scopeLikeStrings().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(" ", l)),
                Arbitraries.strings().withChars("repository:ab ,pul*").ofMaxLength(40));
        return value.list().ofMaxSize(4);
    }
}
