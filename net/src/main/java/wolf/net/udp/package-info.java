/**
 * The UDP side of a WolfNet device: {@link wolf.net.udp.UdpTransport}, its implementation on NIO
 * datagram channels, and an in-memory network for tests.
 */
package wolf.net.udp;
