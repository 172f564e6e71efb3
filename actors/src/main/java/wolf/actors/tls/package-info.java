/** Transport security of cluster traffic: Artery TLS settings and cluster key generation. */
package wolf.actors.tls;
