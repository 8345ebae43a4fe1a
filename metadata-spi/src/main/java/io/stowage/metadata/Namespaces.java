package io.stowage.metadata;

import io.stowage.oci.RepositoryName;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which namespaces cover a repository. A namespace is a repository-name prefix that ends at a {@code /} boundary:
 * {@code team-a} covers {@code team-a} itself and everything below {@code team-a/}, but not {@code team-ab}. This is
 * the rule access control applies to grants; quotas and immutability rules follow it too. Namespaces may nest
 * ({@code team-a} and {@code team-a/ci} both cover {@code team-a/ci/app}).
 */
public final class Namespaces {

    /** Every name that covers {@code repository}: each prefix ending before a {@code /}, then the name itself. */
    public static List<String> covering(RepositoryName repository) {
        Objects.requireNonNull(repository, "repository");
        String name = repository.value();
        List<String> result = new ArrayList<>();
        for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
            result.add(name.substring(0, i));
        }
        result.add(name);
        return List.copyOf(result);
    }

    /** Whether {@code namespace} covers {@code repository}. */
    public static boolean covers(String namespace, RepositoryName repository) {
        Objects.requireNonNull(namespace, "namespace");
        String name = repository.value();
        return name.equals(namespace)
                || (name.length() > namespace.length() && name.startsWith(namespace)
                && name.charAt(namespace.length()) == '/');
    }

    private Namespaces() {
    }
}
