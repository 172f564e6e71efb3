/**
 * Network-namespace labs for WolfNet's real tests and its benchmark: namespaces, veth links and a
 * bridge, processes started inside them, and nodes with generated configs — all removed by {@link
 * wolf.cli.net.lab.NetLab#close}, also from a shutdown hook.
 */
package wolf.cli.net.lab;
