package dev.lmqharness.broker.admin;

import java.util.List;

/** Every endpoint of the admin API, one resource class each (see docs/admin-api.md). */
final class AdminApi {

    private AdminApi() {
    }

    static List<Route> routes(BrokerAdmin broker, boolean testMode) {
        Routes routes = new Routes();
        new HealthResource().register(routes);
        new InstanceResource(broker, testMode).register(routes);
        new GroupsResource(broker).register(routes);
        new ParentTopicsResource(broker).register(routes);
        new AccessKeysResource(broker).register(routes);
        new TokensResource(broker).register(routes);
        new ClientsResource(broker).register(routes);
        new MessagesResource(broker).register(routes);
        new MetricsResource(broker).register(routes);
        new TestClockResource(broker, testMode).register(routes);
        return routes.all();
    }
}
