/**
 * {@link io.github.flare4j.emulator.proxy.TestProxy}: HTTP and SOCKS5 proxies on a loopback port,
 * with optional authentication, that record what they relay, so a test can prove that a client
 * went through a proxy.
 */
package io.github.flare4j.emulator.proxy;
