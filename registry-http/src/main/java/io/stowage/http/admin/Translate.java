package io.stowage.http.admin;

import io.stowage.http.admin.json.AuditEventJson;
import io.stowage.http.admin.json.CreatedRobotJson;
import io.stowage.http.admin.json.GcReportJson;
import io.stowage.http.admin.json.ScrubReportJson;
import io.stowage.http.admin.json.GrantJson;
import io.stowage.http.admin.json.ImmutabilityRuleJson;
import io.stowage.http.admin.json.ImportReportJson;
import io.stowage.http.admin.json.KeyJson;
import io.stowage.http.admin.json.ManifestTimesJson;
import io.stowage.http.admin.json.NamespaceUsageJson;
import io.stowage.http.admin.json.NamespaceJson;
import io.stowage.http.admin.json.RepositoryUsageJson;
import io.stowage.http.admin.json.RobotJson;
import io.stowage.http.admin.json.RuleJson;
import io.stowage.http.admin.json.TagTimesJson;
import io.stowage.http.admin.json.UserJson;
import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.Grant;
import io.stowage.metadata.ImmutabilityRule;
import io.stowage.metadata.ManifestTimes;
import io.stowage.metadata.NamespaceUsage;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RepositoryRule;
import io.stowage.metadata.RepositoryUsage;
import io.stowage.metadata.Role;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.service.access.TokenService;
import io.stowage.service.access.admin.CreatedRobot;
import io.stowage.service.access.admin.ImportReport;
import io.stowage.service.access.admin.RobotView;
import io.stowage.service.access.admin.UserView;
import io.stowage.service.gc.GcReport;
import io.stowage.service.lifecycle.LifecycleService.NamespaceStatus;

import io.stowage.service.scrub.Scrubber;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;

/** The explicit translations between the service's values and the API's JSON documents. */
final class Translate {

    static final String DENY = "deny";

    private Translate() {
    }

    static UserJson user(UserView user) {
        return new UserJson(user.username(), user.administrator(), user.disabled(), user.groups(),
                time(user.createdAt()), time(user.updatedAt()));
    }

    static RobotJson robot(RobotView robot) {
        return new RobotJson(robot.name(), robot.subject(), robot.scopes(), robot.status(), time(robot.expiresAt()),
                time(robot.revokedAt()), robot.createdBy(), time(robot.createdAt()));
    }

    static CreatedRobotJson created(CreatedRobot created) {
        RobotView robot = created.robot();
        return new CreatedRobotJson(robot.name(), robot.subject(), robot.scopes(), robot.status(),
                time(robot.expiresAt()), time(robot.revokedAt()), robot.createdBy(), time(robot.createdAt()),
                created.secret());
    }

    static NamespaceJson namespace(NamespaceRecord namespace) {
        return new NamespaceJson(namespace.name(), namespace.publicPull(), time(namespace.createdAt()));
    }

    static GrantJson grant(Grant grant) {
        return new GrantJson(grant.namespace(), kind(grant.kind()), grant.principal(), role(grant.role()));
    }

    static RuleJson rule(RepositoryRule rule) {
        return new RuleJson(rule.id(), rule.namespace(), rule.repositoryGlob(), kind(rule.kind()), rule.principal(),
                rule.denies() ? DENY : role(rule.role()));
    }

    static ImmutabilityRuleJson immutabilityRule(ImmutabilityRule rule) {
        return new ImmutabilityRuleJson(rule.id(), rule.namespace(), rule.repositoryGlob(), rule.tagRegex());
    }

    static NamespaceUsageJson usage(NamespaceStatus status) {
        NamespaceUsage usage = status.usage();
        return new NamespaceUsageJson(usage.namespace(), usage.repositories(), usage.logicalBytes(),
                usage.storedBytes(), usage.uniqueBytes(), usage.manifestBytes(), bytes(status.quotaBytes()),
                bytes(status.remainingBytes()));
    }

    static RepositoryUsageJson usage(RepositoryUsage usage) {
        return new RepositoryUsageJson(usage.repository().value(), usage.blobs(), usage.blobBytes(),
                usage.manifests(), usage.manifestBytes(), usage.logicalBytes(), usage.logicalBytes(),
                usage.uniqueBytes());
    }

    static TagTimesJson tag(TagRecord tag) {
        return new TagTimesJson(tag.tag().value(), tag.manifest().toString(), time(tag.pushedAt()),
                time(tag.lastPulledAt()));
    }

    static ManifestTimesJson manifest(String repository, ManifestTimes times) {
        return new ManifestTimesJson(repository, times.digest().toString(), time(times.pushedAt()),
                time(times.lastPulledAt()));
    }

    private static Long bytes(OptionalLong bytes) {
        return bytes.isPresent() ? bytes.getAsLong() : null;
    }

    static KeyJson key(TokenService.KeyInfo key) {
        return new KeyJson(key.kid(), key.algorithm(), time(key.createdAt()), time(key.retiredAt()), key.current());
    }

    static AuditEventJson event(AuditEvent event) {
        return new AuditEventJson(event.id(), time(event.at()), event.identity(), event.clientAddress(),
                event.userAgent(), event.action(), event.repository(), event.reference(), event.result(),
                event.detail());
    }

    static GcReportJson gc(GcReport report) {
        return new GcReportJson(report.dryRun(), time(report.cutoff()), report.linksPruned(), report.blobsDeleted(),
                report.bytesFreed(), report.resumed(), time(report.finishedAt()), report.took().toMillis());
    }

    static ScrubReportJson scrub(Scrubber.ScrubReport report) {
        return new ScrubReportJson(report.checked(), report.corrupt(), report.missing(), report.bytes());
    }

    static ImportReportJson imported(ImportReport report) {
        return new ImportReportJson(report.created(), report.skipped());
    }

    static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    static String kind(PrincipalKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static String role(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** {@code user}, {@code robot} or {@code group}. */
    static PrincipalKind kind(String text) {
        for (PrincipalKind kind : PrincipalKind.values()) {
            if (kind(kind).equals(text)) {
                return kind;
            }
        }
        throw new ParameterInvalidException("a principal kind is user, robot or group");
    }

    /** {@code reader}, {@code developer}, {@code maintainer} or {@code admin}; with {@code denyAllowed}, also deny. */
    static Role role(String text, boolean denyAllowed) {
        if (denyAllowed && DENY.equals(text)) {
            return null;
        }
        for (Role role : Role.values()) {
            if (role(role).equals(text)) {
                return role;
            }
        }
        throw new ParameterInvalidException("a role is reader, developer, maintainer or admin"
                + (denyAllowed ? ", or deny" : ""));
    }
}
