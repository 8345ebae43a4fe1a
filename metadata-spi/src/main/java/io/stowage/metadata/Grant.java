package io.stowage.metadata;

import java.util.Objects;

/** A principal's role in a namespace; a principal has at most one role per namespace. */
public record Grant(String namespace, PrincipalKind kind, String principal, Role role) {

    public Grant {
        NamespaceRecord.requireName(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Names.require(principal, "principal");
        Objects.requireNonNull(role, "role");
    }
}
