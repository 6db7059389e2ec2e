package dev.lmqharness.load.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import io.gatling.core.action.BlockExit;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.throttle.Throttler;
import io.gatling.core.controller.throttle.Throttler$Command$ThrottledRequest;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.runtime.BoxedUnit;

import java.util.concurrent.TimeUnit;

/**
 * Common ground of the MQTT actions, written in Java against Gatling's Scala {@link Action} trait:
 * exits blocks when Gatling asks (as its ExitableAction does), turns a crash into a failed session
 * that moves on, routes requests through the throttler when the simulation throttles, and writes
 * responses into the statistics. {@code next.$bang(session)} (Scala's {@code next ! session})
 * runs the next action on the session's own event loop, whatever thread calls it.
 */
abstract class MqttAction implements Action {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(MqttAction.class);
    /** Summary counter of a request's failed responses: {@code failed.<request name>}. */
    public static final String FAILED_PREFIX = "failed.";
    private final Logger logger = Logger.apply(LOG);

    protected final String name;
    protected final String requestName;
    protected final Action next;
    protected final MqttComponents mqtt;
    protected final StatsEngine stats;
    private final Option<ActorRef<Throttler.Command>> throttler;

    MqttAction(String kind, String requestName, ScenarioContext ctx, Action next) {
        this.requestName = requestName;
        this.name = "mqtt-" + kind + "-" + requestName.replaceAll("\\s+", "-");
        this.next = next;
        this.mqtt = ctx.protocolComponentsRegistry().components(MqttProtocolKey.INSTANCE);
        this.stats = ctx.coreComponents().statsEngine();
        this.throttler = ctx.throttled() ? ctx.coreComponents().throttler() : Option.empty();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger ignored) {
        // The logger is final; Scala's trait initialiser is never run for this Java class.
    }

    @Override
    public final void execute(Session session) {
        Option<BlockExit> exit = BlockExit.mustExit(session);
        if (exit.isDefined()) {
            exit.get().exitBlock(stats, mqtt.core().clock().nowMillis());
            return;
        }
        try {
            run(session);
        } catch (RuntimeException e) {
            LOG.error("'{}' crashed for user {}: {}", name, session.userId(), e.toString());
            stats.logRequestCrash(session.scenario(), session.groups(), requestName, e.getMessage() == null ? e.toString() : e.getMessage());
            mqtt.metrics().count(FAILED_PREFIX + requestName);
            next.$bang(session.markAsFailed());
        }
    }

    /** Does the action's work; must eventually call {@code next.$bang(...)} exactly once. */
    protected abstract void run(Session session);

    /** Sends now, or when the throttler allows it (Gatling's {@code throttle()}). */
    protected void throttled(Session session, Runnable send) {
        if (throttler.isDefined()) {
            throttler.get().$bang(new Throttler$Command$ThrottledRequest(session.scenario(), () -> {
                try {
                    send.run();
                } catch (RuntimeException e) {
                    LOG.error("'{}' failed to send for user {}: {}", name, session.userId(), e.toString());
                    next.$bang(session.markAsFailed());
                }
                return BoxedUnit.UNIT;
            }));
        } else {
            send.run();
        }
    }

    protected MqttUser requireUser(Session session) {
        return MqttUser.of(session).orElseThrow(() ->
                new IllegalStateException("'" + requestName + "' needs a connected client: put mqtt(...).connect() first"));
    }

    protected void ok(Session session, long start, long end) {
        GatlingStats.ok(stats, session.scenario(), session.groups(), requestName, start, end);
    }

    protected void ko(Session session, long start, long end, String code, String message) {
        // Counted for the summary too: its SLO check "no failed <request>" is judged from this counter.
        mqtt.metrics().count(FAILED_PREFIX + requestName);
        GatlingStats.ko(stats, session.scenario(), session.groups(), requestName, start, end, code, message);
    }

    /** Runs {@code task} on the session's event loop after {@code millis}. */
    protected void schedule(Session session, long millis, Runnable task) {
        session.eventLoop().schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    static String describe(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
