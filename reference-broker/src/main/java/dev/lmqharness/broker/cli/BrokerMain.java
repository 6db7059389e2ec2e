package dev.lmqharness.broker.cli;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.BrokerConfigValidator;
import dev.lmqharness.broker.config.ConfigException;
import dev.lmqharness.broker.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar reference-broker.jar [--config FILE] [flags]}: builds the config (defaults,
 * then the file, then the flags), starts the broker, logs one line with the bound listeners and
 * runs until SIGTERM or Ctrl-C. Exit codes: 0 after a clean stop, --help or --version; 1 when the
 * broker cannot start (port in use, unreadable certificate); 2 for a bad flag or config value.
 */
@Command(name = "reference-broker",
        mixinStandardHelpOptions = true,
        versionProvider = BrokerMain.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "LMQ reference broker: MQTT 3.1.1 over TCP, TLS, WebSocket and WebSocket over TLS.",
        footerHeading = "%nListener ports:%n",
        footer = {
                "A port flag turns its listener on at that port; 0 picks a free port (logged at start-up);"
                        + " -1 turns the listener off. --admin-port works the same way for the admin HTTP API.",
                "",
                "Flags override the config file, which overrides the defaults"
                        + " (TCP on 1883 only, RocksDB in ./data, profile mqtt311).",
                "",
                "Exit codes: 0 stopped cleanly, 1 could not start, 2 bad flag or config value."})
public final class BrokerMain implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_START_FAILED = 1;
    public static final int EXIT_BAD_CONFIG = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

    @Mixin
    BrokerOptions options = new BrokerOptions();

    private final PrintWriter err;

    BrokerMain(PrintWriter err) {
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        int code = commandLine(out, err).execute(args);
        if (code != EXIT_OK) {
            System.exit(code);
        }
        // exit code 0: either --help/--version, or a stop by signal (the JVM is already exiting)
    }

    /** The picocli command with its error handling: every error is one line on {@code err}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new BrokerMain(err));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, args) -> {
            err.println("error: " + e.getMessage() + " (see --help)");
            return EXIT_BAD_CONFIG;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("error: cannot start the broker: " + message(e));
            LOG.debug("start-up failure", e);
            return EXIT_START_FAILED;
        });
        return cl;
    }

    /**
     * Defaults, then the file, then the flags, validated.
     *
     * @throws ConfigException naming the bad key; file errors end with {@code (in FILE)}
     */
    BrokerConfig config() {
        BrokerConfig base = BrokerConfig.defaults();
        if (options.configFile != null) {
            try {
                base = ConfigLoader.read(options.configFile, base);
            } catch (ConfigException e) {
                if (e.getMessage().contains(options.configFile.toString())) {
                    throw e;
                }
                throw new ConfigException(e.key(), problemOf(e) + " (in " + options.configFile + ")", e);
            }
        }
        return BrokerConfigValidator.validate(options.applyTo(base));
    }

    @Override
    public Integer call() throws InterruptedException {
        BrokerConfig config;
        try {
            config = config();
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        ReferenceBroker broker = ReferenceBroker.builder().config(config).build().start();
        LOG.info(StartupSummary.line(config, broker.boundPorts(), broker.adminPort()));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
                LOG.info("LMQ reference broker stopped");
            } finally {
                stopped.countDown();
            }
        }, "broker-shutdown"));
        stopped.await();
        return EXIT_OK;
    }

    private static String problemOf(ConfigException e) {
        String m = e.getMessage();
        return e.key() == null ? m : m.substring(e.key().length() + 2);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The version from the runnable jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BrokerMain.class.getPackage().getImplementationVersion();
            return new String[]{"LMQ reference broker " + (v == null ? "(development build)" : v)};
        }
    }
}
