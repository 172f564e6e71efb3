/**
 * The {@code wolfnet} and {@code wolfnetctl} commands and the WolfNet daemon's composition ({@link
 * wolf.cli.net.WolfNetDaemon}): configuration to TUN device, sockets, NAT, discovery, control
 * socket.
 */
package wolf.cli.net;
