/**
 * The mesh around the packet path: who the active gateway is ({@link
 * wolf.net.mesh.GatewayElection}), the NAT a gateway sets up ({@link wolf.net.mesh.GatewayNat}),
 * and LAN discovery of peers' endpoints ({@link wolf.net.mesh.LanDiscovery}).
 */
package wolf.net.mesh;
