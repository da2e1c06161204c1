package io.github.flare4j.emulator.proxy;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One client connection to the SOCKS5 proxy (RFC 1928): method negotiation, then username/password
 * authentication (RFC 1929) when the proxy has credentials, then a {@code CONNECT} to an IPv4
 * address, a domain name or an IPv6 address, then a relay. Other commands get reply 7
 * (command not supported).
 */
final class Socks5Connection implements Runnable {

    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0x00;
    private static final int USERNAME_PASSWORD = 0x02;
    private static final int NO_ACCEPTABLE_METHOD = 0xFF;
    private static final int AUTH_VERSION = 1;
    private static final int CONNECT = 1;
    private static final int ATYP_IPV4 = 1;
    private static final int ATYP_DOMAIN = 3;
    private static final int ATYP_IPV6 = 4;

    private static final int SUCCEEDED = 0;
    private static final int NOT_ALLOWED = 2;
    private static final int HOST_UNREACHABLE = 4;
    private static final int CONNECTION_REFUSED = 5;
    private static final int COMMAND_NOT_SUPPORTED = 7;
    private static final int ADDRESS_TYPE_NOT_SUPPORTED = 8;

    private final Socket client;
    private final ProxyCredentials credentials;
    private final ProxyLog log;
    private final ProxyResources resources;

    Socks5Connection(Socket client, ProxyCredentials credentials, ProxyLog log, ProxyResources resources) {
        this.client = client;
        this.credentials = credentials;
        this.log = log;
        this.resources = resources;
    }

    @Override
    public void run() {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            OutputStream out = client.getOutputStream();
            if (negotiate(in, out) && authenticate(in, out)) {
                connect(in, out);
            }
        } catch (IOException e) {
            // the client went away or broke the protocol
        } finally {
            resources.release(client);
        }
    }

    /** Reads the greeting and picks the method this proxy requires. */
    private boolean negotiate(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != VERSION) {
            return false;
        }
        byte[] methods = in.readNBytes(in.readUnsignedByte());
        int required = credentials == null ? NO_AUTHENTICATION : USERNAME_PASSWORD;
        for (byte method : methods) {
            if ((method & 0xFF) == required) {
                send(out, VERSION, required);
                return true;
            }
        }
        if (credentials != null) {
            log.authFailed();
        }
        send(out, VERSION, NO_ACCEPTABLE_METHOD);
        return false;
    }

    /** RFC 1929, when credentials are required. */
    private boolean authenticate(DataInputStream in, OutputStream out) throws IOException {
        if (credentials == null) {
            return true;
        }
        if (in.readUnsignedByte() != AUTH_VERSION) {
            return false;
        }
        String user = new String(readExactly(in, in.readUnsignedByte()), StandardCharsets.UTF_8);
        String password = new String(readExactly(in, in.readUnsignedByte()), StandardCharsets.UTF_8);
        if (credentials.accepts(user, password)) {
            send(out, AUTH_VERSION, 0);
            return true;
        }
        log.authFailed();
        send(out, AUTH_VERSION, 1);
        return false;
    }

    private void connect(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != VERSION) {
            return;
        }
        int command = in.readUnsignedByte();
        in.readUnsignedByte(); // reserved
        int addressType = in.readUnsignedByte();
        String host;
        String shown;
        switch (addressType) {
            case ATYP_IPV4 -> {
                host = InetAddress.getByAddress(readExactly(in, 4)).getHostAddress();
                shown = host;
            }
            case ATYP_DOMAIN -> {
                host = new String(readExactly(in, in.readUnsignedByte()), StandardCharsets.US_ASCII);
                shown = host;
            }
            case ATYP_IPV6 -> {
                host = InetAddress.getByAddress(readExactly(in, 16)).getHostAddress();
                shown = "[" + host + "]";
            }
            default -> {
                reply(out, ADDRESS_TYPE_NOT_SUPPORTED, null);
                return;
            }
        }
        int port = in.readUnsignedShort();
        if (command != CONNECT) {
            reply(out, COMMAND_NOT_SUPPORTED, null);
            return;
        }
        log.handled(shown + ":" + port);
        Socket target;
        try {
            target = resources.track(LoopbackTargets.connect(host, port));
        } catch (LoopbackTargets.RefusedTargetException e) {
            reply(out, NOT_ALLOWED, null);
            return;
        } catch (UnknownHostException e) {
            reply(out, HOST_UNREACHABLE, null);
            return;
        } catch (IOException e) {
            reply(out, CONNECTION_REFUSED, null);
            return;
        }
        reply(out, SUCCEEDED, target);
        Relay.run(client, in, target, resources);
    }

    /** {@code VER REP RSV ATYP BND.ADDR BND.PORT}, bound to the target socket's local end when connected. */
    private static void reply(OutputStream out, int status, Socket target) throws IOException {
        InetAddress bound = target == null ? InetAddress.getByAddress(new byte[4]) : target.getLocalAddress();
        int port = target == null ? 0 : target.getLocalPort();
        byte[] address = bound.getAddress();
        ByteBuffer reply = ByteBuffer.allocate(6 + address.length)
                .put((byte) VERSION).put((byte) status).put((byte) 0)
                .put((byte) (bound instanceof Inet6Address ? ATYP_IPV6 : ATYP_IPV4))
                .put(address)
                .putShort((short) port);
        out.write(reply.array());
        out.flush();
    }

    private static byte[] readExactly(DataInputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("SOCKS message cut off");
        }
        return bytes;
    }

    private static void send(OutputStream out, int first, int second) throws IOException {
        out.write(new byte[] {(byte) first, (byte) second});
        out.flush();
    }
}
