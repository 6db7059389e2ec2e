package dev.lmqharness.reports.cli;

import dev.lmqharness.reports.site.StaticSiteServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Serves the site on the loopback interface until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve a directory on http://127.0.0.1:PORT/ until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "directory to serve")
    Path dir;
    @Option(names = "--port", defaultValue = "0", description = "port (default: any free one)")
    int port;

    @Override
    public Integer call() throws Exception {
        StaticSiteServer server = StaticSiteServer.start(dir, port);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        System.out.println("serving " + dir.toAbsolutePath() + " at " + server.url(""));
        stop.await();
        return 0;
    }
}
