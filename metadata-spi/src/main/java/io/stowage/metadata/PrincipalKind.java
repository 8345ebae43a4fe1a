package io.stowage.metadata;

/**
 * What a grant's principal names. Users and robots are accounts the store holds; a group is only a name, which exists
 * through its memberships and grants. The same name may be a user, a robot and a group at once: they never mix.
 */
public enum PrincipalKind {
    USER,
    ROBOT,
    GROUP
}
