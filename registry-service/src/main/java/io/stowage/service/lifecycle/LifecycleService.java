package io.stowage.service.lifecycle;

import io.stowage.metadata.ImmutabilityRule;
import io.stowage.metadata.ManifestTimes;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceUsage;
import io.stowage.metadata.RepositoryUsage;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.Reference;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.ManifestUnknownException;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.service.access.RepositoryGlob;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an administrator (and later retention) sees and sets of a repository's lifecycle: push and pull times,
 * immutability rules and quotas of namespaces, and deduplication-aware storage use. Who may call what is the HTTP
 * layer's to check; this service validates the values. An unknown namespace is an empty result or false, never an
 * exception; a value that cannot be used (a regex that does not compile, a glob that can never match a repository
 * of its namespace, a negative quota) is an {@link IllegalArgumentException} whose message can be shown as is.
 *
 * <p>Pull times are written in coalesced batches ({@link PullRecorder}): what these methods return lags the newest
 * pulls by up to a minute and a few seconds.
 */
public final class LifecycleService {

    private final MetadataStore metadata;

    public LifecycleService(MetadataStore metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    // ---------------------------------------------------------------- push and pull times

    /**
     * The repository's tags, in tag-list order after {@code last}, at most {@code limit}, each with its manifest, push
     * time and last-pull time. {@code NAME_UNKNOWN} when the repository does not exist.
     */
    public List<TagRecord> tags(RepositoryName repository, String last, int limit) {
        List<TagRecord> tags = metadata.activity().tags(repository, last, limit);
        if (tags.isEmpty() && !metadata.repositories().exists(repository)) {
            throw new NameUnknownException(repository.value());
        }
        return tags;
    }

    /** The push and last-pull time of the manifest {@code reference} names; {@code MANIFEST_UNKNOWN} if none. */
    public ManifestTimes manifestTimes(RepositoryName repository, Reference reference) {
        Digest digest = switch (reference) {
            case Digest d -> d;
            case Tag t -> metadata.manifests().resolve(repository, t)
                    .orElseThrow(() -> new ManifestUnknownException(t.value()));
        };
        return metadata.activity().manifest(repository, digest)
                .orElseThrow(() -> new ManifestUnknownException(reference.toString()));
    }

    // ---------------------------------------------------------------- immutable tags

    /**
     * Adds a rule making the tags that {@code tagRegex} matches (whole name, {@link java.util.regex.Pattern} syntax,
     * at most 256 characters) immutable in the repositories of {@code namespace} that {@code repositoryGlob} matches
     * (null: all of them). Globs name whole repositories, as access rules do ({@code team-a/prod-*}, {@code team-a/**}).
     * Returns the rule with its id; empty when the namespace does not exist.
     */
    public Optional<ImmutabilityRule> addImmutabilityRule(String namespace, String repositoryGlob, String tagRegex) {
        ImmutabilityRule rule = validRule(namespace, repositoryGlob, tagRegex);
        OptionalLong id = metadata.policies().addImmutabilityRule(rule);
        return id.isPresent()
                ? Optional.of(new ImmutabilityRule(id.getAsLong(), namespace, repositoryGlob, tagRegex))
                : Optional.empty();
    }

    /** False when there is no rule with that id in that namespace (a rule of another namespace stays). */
    public boolean removeImmutabilityRule(String namespace, long id) {
        boolean ours = metadata.policies().immutabilityRules(namespace).stream().anyMatch(r -> r.id() == id);
        return ours && metadata.policies().removeImmutabilityRule(id);
    }

    /** The namespace's rules, in the order they were added. */
    public List<ImmutabilityRule> immutabilityRules(String namespace) {
        return metadata.policies().immutabilityRules(namespace);
    }

    /** The rules that apply to {@code repository} (those of covering namespaces whose glob matches it). */
    public List<ImmutabilityRule> immutabilityRulesOf(RepositoryName repository) {
        return new TagImmutability(metadata.policies()).rulesFor(repository).rules();
    }

    /**
     * The rule, or an {@link IllegalArgumentException} saying what is wrong with it. Besides what the store requires
     * ({@link ImmutabilityRule}), a glob is a {@link RepositoryGlob} and must be able to match some repository of the
     * namespace ({@link #globCanMatchIn}): {@code prod-*} in namespace {@code team-a} would silently never apply.
     */
    public static ImmutabilityRule validRule(String namespace, String repositoryGlob, String tagRegex) {
        ImmutabilityRule rule = new ImmutabilityRule(namespace, repositoryGlob, tagRegex);
        if (repositoryGlob != null) {
            RepositoryGlob.parse(repositoryGlob);
            if (!globCanMatchIn(namespace, repositoryGlob)) {
                throw new IllegalArgumentException("repository glob " + repositoryGlob
                        + " can never match a repository of namespace " + namespace
                        + ": globs name whole repositories, e.g. " + namespace + "/*");
            }
        }
        return rule;
    }

    /**
     * Whether {@code glob} may match some repository that {@code namespace} covers. Such a name starts with the
     * glob's literal prefix (the text before its first wildcard) and is the namespace or starts with it and a slash,
     * so the prefix must either be a prefix of the namespace or start with the namespace and a slash. When this is
     * false, the glob matches no repository of the namespace; when true it may (a wildcard can still exclude them).
     */
    public static boolean globCanMatchIn(String namespace, String glob) {
        int wildcard = firstWildcard(glob);
        String literal = wildcard < 0 ? glob : glob.substring(0, wildcard);
        return namespace.startsWith(literal) || literal.startsWith(namespace + "/");
    }

    private static int firstWildcard(String glob) {
        int star = glob.indexOf('*');
        int question = glob.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }

    // ---------------------------------------------------------------- quotas and usage

    /**
     * Sets the namespace's quota in bytes, or removes it ({@code bytes} empty); false when the namespace does not
     * exist. A quota below the current use is allowed: it refuses new blobs until enough is deleted and collected.
     */
    public boolean setQuota(String namespace, OptionalLong bytes) {
        if (bytes.isPresent() && bytes.getAsLong() < 0) {
            throw new IllegalArgumentException("a quota is a number of bytes, not negative");
        }
        return metadata.policies().setQuota(namespace, bytes);
    }

    /** The repository's use; all zero when it does not exist. */
    public RepositoryUsage usage(RepositoryName repository) {
        return metadata.usage().repository(repository);
    }

    /** The namespace's use and quota; empty when the namespace does not exist. */
    public Optional<NamespaceStatus> namespaceStatus(String namespace) {
        if (metadata.namespaces().find(namespace).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NamespaceStatus(metadata.usage().namespace(namespace),
                metadata.policies().quota(namespace)));
    }

    /**
     * A namespace's use with its quota (empty: none). {@link NamespaceUsage#storedBytes()} is what the quota is
     * compared with.
     */
    public record NamespaceStatus(NamespaceUsage usage, OptionalLong quotaBytes) {

        public NamespaceStatus {
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(quotaBytes, "quotaBytes");
        }

        /** Bytes left before the quota is reached (0 when at or past it); empty without a quota. */
        public OptionalLong remainingBytes() {
            return quotaBytes.isPresent()
                    ? OptionalLong.of(Math.max(0, quotaBytes.getAsLong() - usage.storedBytes()))
                    : OptionalLong.empty();
        }
    }
}
