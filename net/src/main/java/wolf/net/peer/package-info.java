/**
 * Peers as actors: one {@link wolf.net.peer.PeerActor} per peer owns its handshake timing,
 * keepalives and packets waiting for a session; {@link wolf.net.peer.PeerLink} is the state it
 * shares with the packet threads.
 */
package wolf.net.peer;
