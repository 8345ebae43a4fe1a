package io.stowage.service.access.admin;

import io.stowage.oci.RepositoryName;

import java.util.Objects;

/** What an administrative operation requires of its caller. */
sealed interface Permission {

    /** A system administrator ({@code Identity.administrator()}). */
    record Administrator() implements Permission {
    }

    /** A system administrator, or a user holding the ADMIN role in the namespace itself. */
    record NamespaceAdministrator(String namespace) implements Permission {
        public NamespaceAdministrator {
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    /**
     * A system administrator, or a caller who may pull from the repository (as the registry decides it for pulls:
     * a token by what it grants, anyone else by grants, rules and robot scopes).
     */
    record RepositoryReader(RepositoryName repository) implements Permission {
        public RepositoryReader {
            Objects.requireNonNull(repository, "repository");
        }
    }

    Permission ADMINISTRATOR = new Administrator();
}
