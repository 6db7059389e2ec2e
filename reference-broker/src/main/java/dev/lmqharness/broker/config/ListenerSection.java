package dev.lmqharness.broker.config;

/**
 * {@code listeners.<transport>:} enabled, host, port and (WebSocket only) path. Setting a port
 * does not enable a listener here; {@code enabled} does (the command line's port flags do both).
 */
final class ListenerSection {

    public Boolean enabled;
    public String host;
    public Integer port;
    public String path;

    ListenerConfig applyTo(ListenerConfig base, String key) {
        ListenerConfig l = base;
        if (enabled != null) {
            l = l.withEnabled(enabled);
        }
        if (host != null) {
            l = l.withHost(host.trim());
        }
        if (port != null) {
            l = new ListenerConfig(l.transport(), l.enabled(), l.host(), port, l.path());
        }
        if (path != null) {
            if (!l.transport().websocket()) {
                throw new ConfigException(key + ".path", "only the ws and wss listeners have a path");
            }
            l = l.withPath(path);
        }
        return l;
    }
}
