package io.stowage.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Robot accounts. Whether a robot may authenticate (revoked, expired) is the access-control service's to decide from
 * the record; the store keeps a revoked robot until it is deleted, so that its audit trail still names something.
 */
public interface RobotIndex {

    /** Records a new robot; false, writing nothing, when the name is taken. */
    boolean create(RobotRecord robot);

    Optional<RobotRecord> find(String name);

    /** Robots in lexical order of name, strictly after {@code after} (null: from the start), at most {@code limit}. */
    List<RobotRecord> list(String after, int limit);

    /**
     * Marks the robot revoked at {@code at}; false when there is no such robot or it was already revoked, in which
     * case the first revocation's time stays.
     */
    boolean revoke(String name, Instant at);

    /**
     * Deletes the robot together with every grant and repository rule naming it as a robot, in one transaction.
     * False when there is no such robot.
     */
    boolean delete(String name);
}
