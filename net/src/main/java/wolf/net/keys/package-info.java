/**
 * WolfNet identities: static X25519 key pairs, their WireGuard-compatible base64 form, key files
 * with safe permissions, and join tokens.
 */
package wolf.net.keys;
