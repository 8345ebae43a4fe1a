package io.stowage.server;

/** A listen address, {@code HOST:PORT} or {@code [IPv6]:PORT}. */
public record HostPort(String host, int port) {

    public static HostPort parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new Config.ConfigException("listen: expected HOST:PORT, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new Config.ConfigException("listen: port must be a number, got '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new Config.ConfigException("listen: port out of range in '" + value + "'");
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
