package io.stowage.service.access;

/** Where a request came from, as the audit log records it: the client address and the user agent it sent. */
public record ClientInfo(String address, String userAgent) {

    public ClientInfo {
        address = address == null ? "" : address;
        userAgent = userAgent == null ? "" : userAgent;
    }

    /** A change made from the command line on the registry's own machine. */
    public static final ClientInfo COMMAND_LINE = new ClientInfo("local", "stowage-cli");

    /** A change the server makes by itself, on schedule (a background job such as retention). */
    public static final ClientInfo SCHEDULER = new ClientInfo("local", "stowage-scheduler");
}
