package io.github.flare4j.emulator.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** Copies bytes both ways between a client and a target until the target closes. */
final class Relay {

    private Relay() {
    }

    /**
     * Relays until the target closes its side, then closes both sockets. Returns when done.
     *
     * @param clientIn the client's input, which may hold bytes already buffered after the request head
     */
    static void run(Socket client, InputStream clientIn, Socket target, ProxyResources resources) {
        resources.start("flare4j-proxy-upstream", () -> {
            try {
                clientIn.transferTo(target.getOutputStream());
                target.shutdownOutput();
            } catch (IOException e) {
                // either side went away; the downstream copy closes both
            }
        });
        try (InputStream targetIn = target.getInputStream()) {
            OutputStream clientOut = client.getOutputStream();
            targetIn.transferTo(clientOut);
            clientOut.flush();
        } catch (IOException e) {
            // either side went away
        } finally {
            resources.release(target);
            resources.release(client);
        }
    }
}
