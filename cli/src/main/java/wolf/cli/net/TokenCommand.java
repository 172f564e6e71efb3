package wolf.cli.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import wolf.cli.Cli;
import wolf.config.net.PeerEntry;
import wolf.config.net.WolfNetConfig;
import wolf.net.device.TokenLedger;
import wolf.net.keys.JoinToken;
import wolf.net.keys.KeyFiles;
import wolf.net.keys.KeyPair;
import wolf.net.transport.Cidr;

/**
 * {@code wolfnet token}: issues a join token that admits one new host, once, at a free overlay
 * address. The token is a bearer secret until it expires: pass it over a trusted channel.
 */
@Command(
    name = "token",
    aliases = "invite",
    mixinStandardHelpOptions = true,
    description = {
      "Print a join token for one new host: 'wolfnet join TOKEN' there makes it a peer of this"
          + " node.",
      "The token admits one key, once, before it expires; treat it as a password."
    })
final class TokenCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin NetConfigOption config;

  @Option(names = "--address", description = "Overlay address to offer (default: the lowest free).")
  String address;

  @Option(
      names = "--endpoint",
      description =
          "host:port the joiner reaches this node at (repeatable; default: this host's"
              + " IPv4 addresses and the listen port).")
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--ttl-hours", defaultValue = "24", description = "Validity (default 24 h).")
  long ttlHours;

  @Override
  public Integer call() throws Exception {
    WolfNetConfig c = config.load();
    KeyPair keys = KeyPair.of(KeyFiles.readPrivate(c.privateKeyFile()));
    TokenLedger ledger = TokenLedger.open(c.stateDir().resolve("tokens"));
    InetAddress offered = address != null ? InetAddress.getByName(address) : freeAddress(c, ledger);
    List<String> eps = endpoints.isEmpty() ? localEndpoints(c.listenPort()) : endpoints;
    if (eps.isEmpty()) {
      throw new Cli.UserError("no IPv4 address found for the token; pass --endpoint host:port");
    }
    long expires = System.currentTimeMillis() / 1000 + Duration.ofHours(ttlHours).toSeconds();
    JoinToken token =
        JoinToken.issue(
            keys,
            c.address().address(),
            offered,
            c.address().prefixLength(),
            eps.subList(0, Math.min(eps.size(), JoinToken.MAX_ENDPOINTS)),
            expires,
            new SecureRandom());
    ledger.issued(token.id(), offered, expires);
    spec.commandLine().getOut().println(token.encode());
    spec.commandLine()
        .getErr()
        .println(
            "token for " + offered.getHostAddress() + ", valid " + ttlHours + " h, via " + eps);
    return 0;
  }

  private static InetAddress freeAddress(WolfNetConfig c, TokenLedger ledger) throws Exception {
    Set<InetAddress> taken = new HashSet<>(ledger.offeredAddresses());
    taken.add(c.address().address());
    for (PeerEntry p : c.peers()) {
      for (String ip : p.allowedIps()) {
        Cidr cidr = Cidr.parse(ip);
        if (cidr.prefixLength() == cidr.bits()) {
          taken.add(InetAddress.getByAddress(cidr.address()));
        }
      }
    }
    byte[] base = Cidr.of(c.address().address(), c.address().prefixLength()).address();
    long hosts = (1L << (32 - c.address().prefixLength())) - 2;
    for (long i = 1; i <= hosts; i++) {
      byte[] a = base.clone();
      long v =
          (((a[0] & 0xffL) << 24) | ((a[1] & 0xffL) << 16) | ((a[2] & 0xffL) << 8) | (a[3] & 0xffL))
              + i;
      a = new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
      InetAddress candidate = InetAddress.getByAddress(a);
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    throw new Cli.UserError("no free address left in " + c.address());
  }

  private static List<String> localEndpoints(int port) throws Exception {
    List<String> out = new ArrayList<>();
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nif.isUp() || nif.isLoopback() || nif.isPointToPoint()) {
        continue;
      }
      for (InetAddress a : Collections.list(nif.getInetAddresses())) {
        if (a instanceof Inet4Address) {
          out.add(a.getHostAddress() + ":" + port);
        }
      }
    }
    return out;
  }
}
