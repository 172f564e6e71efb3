package wolf.net.peer;

import java.time.Duration;
import java.util.function.Supplier;
import wolf.net.handshake.HandshakeEngine;
import wolf.net.transport.NetClock;
import wolf.net.transport.NetCounters;
import wolf.net.transport.TransportCodec;

/**
 * What every peer actor of one device uses.
 *
 * @param codecs makes the actor's own codec (codecs are per thread)
 * @param keepalive persistent keepalive interval; zero for none
 * @param tick how often the actor checks its timers
 */
public record PeerContext(
    HandshakeEngine engine,
    Supplier<TransportCodec> codecs,
    Wire wire,
    NetClock clock,
    NetCounters counters,
    Duration keepalive,
    Duration tick) {}
