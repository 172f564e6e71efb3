/**
 * The local control socket {@code wolfnetctl} talks to: {@link wolf.net.control.ControlServer} and
 * the status document it serves ({@link wolf.net.control.DeviceStatus}).
 */
package wolf.net.control;
