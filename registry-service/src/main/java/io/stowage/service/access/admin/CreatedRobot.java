package io.stowage.service.access.admin;

/** A robot just created, with its secret: the only time the secret is ever shown. */
public record CreatedRobot(RobotView robot, String secret) {

    @Override
    public String toString() {
        return "CreatedRobot[robot=" + robot + ", secret=(hidden)]";
    }
}
