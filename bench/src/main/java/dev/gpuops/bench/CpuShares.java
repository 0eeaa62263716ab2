package dev.gpuops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used during one load run, split by process: the bot, this process (the world: sandbox Slack, fleet and
 * the Kafka broker; the harness itself idles while wrk runs) and wrk (a child of this process, counted once it has
 * been waited for). Read from {@code /proc/<pid>/stat}; where that is missing (not Linux) every figure is -1.
 */
final class CpuShares {

    /** Linux' USER_HZ; /proc reports CPU time in these ticks and it is 100 on every common kernel configuration. */
    private static final double TICKS_PER_SECOND = 100;

    private final long botPid;
    private final long[] bot;
    private final long[] self;

    private CpuShares(long botPid, long[] bot, long[] self) {
        this.botPid = botPid;
        this.bot = bot;
        this.self = self;
    }

    static CpuShares start(long botPid) {
        return new CpuShares(botPid, ticks(Path.of("/proc/" + botPid + "/stat")), ticks(Path.of("/proc/self/stat")));
    }

    /** Per answered request, in microseconds; -1 when unknown. */
    record Used(long botMicrosPerRequest, long worldMicrosPerRequest, long wrkMicrosPerRequest) {
    }

    Used stop(long requests) {
        long[] botNow = ticks(Path.of("/proc/" + botPid + "/stat"));
        long[] selfNow = ticks(Path.of("/proc/self/stat"));
        return new Used(perRequest(bot, botNow, 0, requests), perRequest(self, selfNow, 0, requests),
                perRequest(self, selfNow, 1, requests));
    }

    private static long perRequest(long[] before, long[] after, int field, long requests) {
        if (before == null || after == null || requests <= 0) {
            return -1;
        }
        double seconds = (after[field] - before[field]) / TICKS_PER_SECOND;
        return Math.round(seconds * 1e6 / requests);
    }

    /** {own utime+stime, waited-for children's cutime+cstime}, or null. */
    static long[] ticks(Path stat) {
        try {
            String line = Files.readString(stat);
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14 → f[11], stime f[12], cutime f[13], cstime f[14]
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
