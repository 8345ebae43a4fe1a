package io.stowage.metadata;

/**
 * What a grant allows in a namespace, in increasing order: each role includes every role before it. What each role
 * may do is the access-control service's to decide; the store only keeps them.
 */
public enum Role {
    READER,
    DEVELOPER,
    MAINTAINER,
    ADMIN;

    /** Whether this role includes {@code other}: it is {@code other} or comes after it. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
