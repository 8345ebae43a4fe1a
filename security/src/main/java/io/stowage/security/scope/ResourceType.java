package io.stowage.security.scope;

import java.util.Optional;

/** The kind of resource a scope names. */
public enum ResourceType {
    /** A repository, named by its OCI repository name. */
    REPOSITORY("repository"),
    /** The registry itself; its only resource is {@code catalog}. */
    REGISTRY("registry");

    private final String id;

    ResourceType(String id) {
        this.id = id;
    }

    /** The form in scope strings and tokens. */
    public String id() {
        return id;
    }

    public static Optional<ResourceType> fromId(String id) {
        for (ResourceType type : values()) {
            if (type.id.equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
