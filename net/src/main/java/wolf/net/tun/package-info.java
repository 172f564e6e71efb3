/**
 * TUN devices: {@link wolf.net.tun.TunDevice}, the Linux implementation over {@code /dev/net/tun}
 * through jnr-ffi ({@link wolf.net.tun.LinuxTun}), an in-memory fake for tests ({@link
 * wolf.net.tun.ChannelTun}), and the {@code ip} commands that give a device its address and MTU.
 */
package wolf.net.tun;
