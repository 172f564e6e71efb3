/**
 * Cryptographic primitives of WolfNet: X25519 ({@link wolf.net.crypto.Dh}), ChaCha20-Poly1305 with
 * explicit nonces ({@link wolf.net.crypto.ChaChaPoly}), and SHA-256 / HMAC-SHA256 / HKDF ({@link
 * wolf.net.crypto.Kdf}). Nothing here knows about packets or peers.
 */
package wolf.net.crypto;
