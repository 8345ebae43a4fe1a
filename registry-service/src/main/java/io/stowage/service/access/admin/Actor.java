package io.stowage.service.access.admin;

import io.stowage.service.access.Caller;
import io.stowage.service.access.ClientInfo;

import java.util.Objects;

/** Who asks for an administrative operation (as authenticated) and from where, for the checks and the audit log. */
public record Actor(Caller caller, ClientInfo client) {

    public Actor {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(client, "client");
    }
}
