/**
 * {@code wolfnet.toml}: the WolfNet schema ({@link wolf.config.net.WolfNetSchema}), the validated
 * settings ({@link wolf.config.net.WolfNetConfig}) and the template {@code wolfnet init} writes.
 */
package wolf.config.net;
