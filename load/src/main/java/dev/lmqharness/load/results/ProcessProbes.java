package dev.lmqharness.load.results;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of this JVM and resident memory of any process (Linux /proc). */
public final class ProcessProbes {

    private ProcessProbes() {
    }

    /** CPU seconds (user + system) this JVM has used, or -1 when the JVM does not tell. */
    public static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? -1 : ns / 1e9;
        }
        return -1;
    }

    /** Resident set size in bytes of process {@code pid}, or -1 when unknown (not Linux, no such pid). */
    public static long rssBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * CPU seconds (user + system) process {@code pid} has used, from /proc/<pid>/stat in clock
     * ticks of 1/100 s (USER_HZ on Linux), or -1 when unknown.
     */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; the fields after its closing ')' are plain.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static long selfPid() {
        return ProcessHandle.current().pid();
    }
}
