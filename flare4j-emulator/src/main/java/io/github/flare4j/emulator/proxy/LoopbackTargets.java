package io.github.flare4j.emulator.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Opens the proxy's connections to its targets, which must be on this machine: a test proxy
 * never sends traffic anywhere else, whatever a test asks of it.
 */
final class LoopbackTargets {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private LoopbackTargets() {
    }

    /** Thrown when a target does not resolve to a loopback address. */
    static final class RefusedTargetException extends IOException {
        RefusedTargetException(String target) {
            super("TestProxy relays only to loopback addresses, not to " + target);
        }
    }

    /**
     * Connects to a host and port.
     *
     * @throws RefusedTargetException when the host is not a loopback address
     * @throws IOException            when it cannot be resolved or reached
     */
    static Socket connect(String host, int port) throws IOException {
        InetAddress address = requireLoopback(host, port);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Resolves a host, refusing it unless it is a loopback address.
     *
     * @throws RefusedTargetException when it is not
     */
    static InetAddress requireLoopback(String host, int port) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            throw new RefusedTargetException(host + ":" + port);
        }
        return address;
    }
}
