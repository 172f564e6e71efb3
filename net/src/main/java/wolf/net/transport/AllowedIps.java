package wolf.net.transport;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Allowed IPs: a longest-prefix-match table from IP prefixes to peers, used in both directions as
 * in WireGuard's cryptokey routing. Sending: destination address → peer. Receiving: the inner
 * source address must map to the very peer whose session decrypted the packet.
 *
 * <p>A binary trie per address family, persistent (path-copying): writers are serialized by a lock
 * and publish a new root through a volatile field; lookups never lock and never allocate, so many
 * packet threads can look up while the peer actors change routes. A prefix maps to at most one
 * peer; inserting an existing prefix moves it to the new peer.
 *
 * @param <P> the peer type
 */
public final class AllowedIps<P> {
  private record Node<P>(Node<P> zero, Node<P> one, P value) {
    Node<P> child(int bit) {
      return bit == 0 ? zero : one;
    }

    Node<P> with(int bit, Node<P> child) {
      return bit == 0 ? new Node<>(child, one, value) : new Node<>(zero, child, value);
    }

    boolean empty() {
      return zero == null && one == null && value == null;
    }
  }

  private volatile Node<P> root4;
  private volatile Node<P> root6;

  /** Routes {@code prefix} to {@code peer}, replacing any previous owner of exactly this prefix. */
  public synchronized void insert(Cidr prefix, P peer) {
    Objects.requireNonNull(peer, "peer");
    byte[] a = prefix.address();
    if (a.length == 4) {
      root4 = put(root4, a, 0, prefix.prefixLength(), peer);
    } else {
      root6 = put(root6, a, 0, prefix.prefixLength(), peer);
    }
  }

  /** Removes exactly {@code prefix}; returns whether it was present. */
  public synchronized boolean remove(Cidr prefix) {
    byte[] a = prefix.address();
    Node<P> root = a.length == 4 ? root4 : root6;
    Node<P> after = put(root, a, 0, prefix.prefixLength(), null);
    if (a.length == 4) {
      root4 = after;
    } else {
      root6 = after;
    }
    return after != root;
  }

  /** Removes every prefix routed to {@code peer}. */
  public synchronized void removeAll(P peer) {
    for (Cidr c : prefixesOf(peer)) {
      remove(c);
    }
  }

  /** The prefixes routed to {@code peer}, IPv4 first, in address order. */
  public List<Cidr> prefixesOf(P peer) {
    List<Cidr> out = new ArrayList<>();
    collect(root4, new byte[4], 0, peer, out);
    collect(root6, new byte[16], 0, peer, out);
    return out;
  }

  /** Longest-prefix match of the address in {@code a[off, off+len)}, len 4 or 16; null if none. */
  public P lookup(byte[] a, int off, int len) {
    Node<P> n = len == 4 ? root4 : len == 16 ? root6 : null;
    P best = null;
    for (int bit = 0; n != null; bit++) {
      if (n.value != null) {
        best = n.value;
      }
      if (bit == len * 8) {
        break;
      }
      n = n.child((a[off + (bit >> 3)] >> (7 - (bit & 7))) & 1);
    }
    return best;
  }

  public P lookup(InetAddress address) {
    byte[] a = address.getAddress();
    return lookup(a, 0, a.length);
  }

  /** The peer for the destination of the IP packet in {@code packet[off, off+len)}, or null. */
  public P lookupDestination(byte[] packet, int off, int len) {
    int version = InnerPacket.version(packet, off, len);
    if (version == 4) {
      return lookup(packet, off + 16, 4);
    }
    return version == 6 ? lookup(packet, off + 24, 16) : null;
  }

  private Node<P> put(Node<P> n, byte[] a, int depth, int prefixLength, P value) {
    if (n == null) {
      if (value == null) {
        return null;
      }
      n = new Node<>(null, null, null);
    }
    Node<P> result;
    if (depth == prefixLength) {
      if (n.value == value) {
        return n;
      }
      result = new Node<>(n.zero, n.one, value);
    } else {
      int bit = (a[depth >> 3] >> (7 - (depth & 7))) & 1;
      Node<P> child = n.child(bit);
      Node<P> newChild = put(child, a, depth + 1, prefixLength, value);
      if (newChild == child) {
        return n;
      }
      result = n.with(bit, newChild);
    }
    return result.empty() ? null : result;
  }

  private void collect(Node<P> n, byte[] a, int depth, P peer, List<Cidr> out) {
    if (n == null) {
      return;
    }
    if (peer.equals(n.value)) {
      out.add(Cidr.of(a, depth));
    }
    if (depth == a.length * 8) {
      return;
    }
    collect(n.zero, a, depth + 1, peer, out);
    a[depth >> 3] |= (byte) (0x80 >>> (depth & 7));
    collect(n.one, a, depth + 1, peer, out);
    a[depth >> 3] &= (byte) ~(0x80 >>> (depth & 7));
  }
}
