package io.stowage.interop;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports on 127.0.0.1: a free one for a registry to listen on, and whether anything listens on one. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port free right now (as {@link RegistryProcess} picks them); another process could take it, rarely. */
    static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean isListening(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
