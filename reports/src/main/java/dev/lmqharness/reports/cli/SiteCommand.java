package dev.lmqharness.reports.cli;

import dev.lmqharness.reports.site.SiteIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The site's front page. */
@Command(name = "site", mixinStandardHelpOptions = true,
        description = "Front page linking compliance/, matrix/ and load/ under the site directory.")
final class SiteCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "site directory")
    Path site;

    @Override
    public Integer call() throws Exception {
        System.out.println("site: " + SiteIndex.write(site).toAbsolutePath());
        return 0;
    }
}
