package dev.lmqharness.reports.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar lmq-reports.jar <command>}: builds the report site from the runs' outputs.
 * Exit 0 = done, 2 = bad input (missing or unreadable results, bad option), 1 = anything else.
 */
@Command(name = "lmq-reports", mixinStandardHelpOptions = true, version = "lmq-reports",
        description = "Compliance report (Allure), compliance matrix and load page of the LMQ harness.",
        subcommands = {AllureCommand.class, MatrixCommand.class, LoadCommand.class, SiteCommand.class, ServeCommand.class})
public final class ReportsMain {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new ReportsMain());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }
}
