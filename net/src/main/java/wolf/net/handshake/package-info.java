/**
 * The WolfNet handshake: WireGuard's Noise_IKpsk2 construction with SHA-256 and HMAC-SHA256 HKDF in
 * place of BLAKE2s, MAC1/MAC2 cookies against floods, and join-token admission. A pure state
 * machine: bytes and a source address in, reply bytes and an event out; time comes from an injected
 * {@link wolf.net.transport.NetClock}. See {@code docs/WOLFNET-PROTOCOL.md}.
 */
package wolf.net.handshake;
