package io.stowage.service.access.admin;

import io.stowage.metadata.MetadataStore;
import io.stowage.service.access.AccessControl;
import io.stowage.service.gc.OnDemandCollection;
import io.stowage.service.lifecycle.LifecycleService;
import io.stowage.service.lifecycle.RetentionService;

import io.stowage.service.scrub.Scrubber;

import java.time.Clock;

/**
 * The registry's administration: accounts, robots, namespaces with grants and rules, signing keys, the audit log,
 * garbage collection on demand, lifecycle (immutability rules, quotas, usage, push and pull times) and retention
 * policies with their runs. Every
 * operation checks its caller (see {@link Authority}); every change writes exactly one audit event and makes this node
 * forget what it cached about accounts and grants (other nodes see the change within {@code auth.cacheTtl}).
 */
public record Administration(UserAdministration users, RobotAdministration robots,
                             NamespaceAdministration namespaces, KeyAdministration keys, AuditAdministration audit,
                             GcAdministration gc, ScrubAdministration scrub, LifecycleAdministration lifecycle,
                             RetentionAdministration retention) {

    public static Administration over(MetadataStore metadata, AccessControl access, OnDemandCollection collector,
                                      Scrubber scrubber, Clock clock) {
        Changes changes = new Changes(access);
        return new Administration(new UserAdministration(metadata.users(), changes, clock),
                new RobotAdministration(metadata.robots(), changes, clock),
                new NamespaceAdministration(metadata.namespaces(), changes, clock),
                new KeyAdministration(access.tokens(), changes), new AuditAdministration(access.audit(), changes),
                new GcAdministration(collector, changes), new ScrubAdministration(scrubber, changes),
                new LifecycleAdministration(new LifecycleService(metadata), metadata.namespaces(),
                        metadata.repositories(), changes),
                new RetentionAdministration(new RetentionService(metadata), metadata.namespaces(), changes, clock));
    }
}
