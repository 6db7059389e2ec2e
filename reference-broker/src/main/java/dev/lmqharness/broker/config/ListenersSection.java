package dev.lmqharness.broker.config;

import java.util.Locale;

/** {@code listeners:} one optional sub-section per transport. */
final class ListenersSection {

    public ListenerSection tcp;
    public ListenerSection tls;
    public ListenerSection ws;
    public ListenerSection wss;

    BrokerConfig applyTo(BrokerConfig base, String path) {
        BrokerConfig c = base;
        c = apply(c, Transport.TCP, tcp, path);
        c = apply(c, Transport.TLS, tls, path);
        c = apply(c, Transport.WS, ws, path);
        c = apply(c, Transport.WSS, wss, path);
        return c;
    }

    private static BrokerConfig apply(BrokerConfig c, Transport t, ListenerSection section, String path) {
        if (section == null) {
            return c;
        }
        return c.withListener(section.applyTo(c.listener(t), path + "." + t.name().toLowerCase(Locale.ROOT)));
    }
}
