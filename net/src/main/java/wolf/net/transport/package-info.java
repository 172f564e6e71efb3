/**
 * The WolfNet data path: sessions and their keys, the replay window, allowed IPs, and the codec
 * that seals inner IP packets into transport messages and opens them again. Everything here is safe
 * for several packet worker threads, except {@link wolf.net.transport.TransportCodec}, of which
 * each worker owns one.
 */
package wolf.net.transport;
