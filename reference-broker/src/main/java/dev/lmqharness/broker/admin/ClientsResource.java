package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.session.SessionManager;

/**
 * {@code /api/v1/clients/{clientId}}: what the broker knows of a client (online per {@code ConnectFlow},
 * its session and subscriptions), and closing its connection as a kick would. The client ID is
 * one URL-encoded path segment ({@code GID_x%40%40%40dev1} or plain {@code GID_x@@@dev1}).
 */
final class ClientsResource {

    static final String RULE = SessionManager.ONLINE_STATUS_RULE;

    private final BrokerAdmin broker;

    ClientsResource(BrokerAdmin broker) {
        this.broker = broker;
    }

    void register(Routes routes) {
        String base = Routes.API + "/clients/{clientId}";
        routes.get(base, r -> Reply.ok(broker.clientStatus(r.path("clientId"))))
                .delete(base + "/connection", this::close);
    }

    private Reply close(AdminRequest r) {
        String clientId = r.path("clientId");
        if (!broker.closeConnection(clientId)) {
            throw ApiException.notFound("client '" + clientId + "' is not connected", RULE);
        }
        return Reply.noContent();
    }
}
