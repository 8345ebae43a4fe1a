package io.stowage.service.access.admin;

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

    Permission ADMINISTRATOR = new Administrator();
}
