package wolf.net.keys;

/** A node's static identity: a private key and the public key derived from it. */
public record KeyPair(PrivateKey privateKey, PublicKey publicKey) {
  public KeyPair {
    if (!privateKey.publicKey().equals(publicKey)) {
      throw new IllegalArgumentException("public key does not belong to the private key");
    }
  }

  /** A fresh identity. */
  public static KeyPair generate() {
    return of(PrivateKey.generate());
  }

  /** The identity of an existing private key. */
  public static KeyPair of(PrivateKey privateKey) {
    return new KeyPair(privateKey, privateKey.publicKey());
  }
}
