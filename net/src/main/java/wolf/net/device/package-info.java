/**
 * A running WolfNet device: settings, the packet threads (TUN to UDP and back) and the handshake
 * thread, kept off actor mailboxes; the peer actors ({@link wolf.net.peer}) own timers and
 * handshake state.
 */
package wolf.net.device;
