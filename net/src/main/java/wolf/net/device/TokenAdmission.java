package wolf.net.device;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.net.handshake.Admission;
import wolf.net.keys.JoinToken;
import wolf.net.keys.PublicKey;
import wolf.net.transport.Cidr;
import wolf.net.transport.TransportPeer;

/**
 * The daemon's join-token policy: a verified token admits exactly one key, once, with the offered
 * address as its only allowed IP, provided that address lies in our overlay network and no peer has
 * it yet. The admission is written to the {@link TokenLedger} before the peer exists, so a restart
 * neither forgets the peer nor lets the token admit a second key.
 */
final class TokenAdmission implements Admission {
  private static final Logger log = LoggerFactory.getLogger(TokenAdmission.class);

  private final WolfNetDevice device;
  private final TokenLedger ledger;

  TokenAdmission(WolfNetDevice device, TokenLedger ledger) {
    this.device = device;
    this.ledger = ledger;
  }

  static PeerSpec specOf(PublicKey key, InetAddress address) {
    return new PeerSpec(
        address.getHostAddress(), key, null, List.of(Cidr.of(address, 32)), false, null);
  }

  @Override
  public TransportPeer admit(PublicKey joiner, JoinToken token) {
    InetAddress offered = token.offeredAddress();
    if (ledger.isUsed(token.id())) {
      log.warn("{}: token {} was already used; refusing {}", device, token.id(), joiner);
      return null;
    }
    byte[] a = offered.getAddress();
    if (!device.settings().network().contains(a, 0, a.length)
        || offered.equals(device.address())
        || device.links().stream().anyMatch(l -> l.spec().overlayAddress().equals(offered))) {
      log.warn("{}: token {} offers {}, which is taken or outside the overlay", device, token, a);
      return null;
    }
    try {
      ledger.admit(token.id(), joiner, offered);
    } catch (IOException e) {
      log.error("{}: cannot record admission of {}; refusing it", device, joiner, e);
      return null;
    }
    log.info("{}: admitted {} at {} with token {}", device, joiner, offered, token.id());
    return device.addLink(specOf(joiner, offered), false).transport();
  }
}
