package dev.gpuops.sandbox.ssh;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** nvidia-smi, df, sleep and identity commands of a single-GPU cloud VM. */
final class SystemTools {

    private static final DateTimeFormatter SMI_TIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final HostEnvironment host;

    SystemTools(HostEnvironment host) {
        this.host = host;
    }

    Optional<ShellResult> run(List<String> words, ShellContext ctx) {
        List<String> args = words.subList(1, words.size());
        return Optional.ofNullable(switch (words.get(0)) {
            case "whoami" -> ShellResult.ok(ctx.user + "\n");
            case "id" -> ShellResult.ok(args.contains("-u") && !args.contains("-n")
                    ? (ctx.user.equals("root") ? "0" : "1000") + "\n"
                    : args.contains("-un") || args.contains("-n") ? ctx.user + "\n"
                    : "uid=" + (ctx.user.equals("root") ? "0(root)" : "1000(" + ctx.user + ")") + "\n");
            case "hostname" -> ShellResult.ok("gpu-sandbox\n");
            case "nvidia-smi", "/usr/bin/nvidia-smi" -> nvidiaSmi();
            case "df" -> df();
            case "sleep" -> sleep(args);
            default -> null;
        });
    }

    private ShellResult nvidiaSmi() {
        boolean busy = host.docker().containerNames().stream()
                .anyMatch(n -> host.docker().state(n).map("running"::equals).orElse(false));
        String memory = busy ? "18234MiB /  23028MiB" : "    1MiB /  23028MiB";
        String util = busy ? " 37%" : "  0%";
        return ShellResult.ok(SMI_TIME.format(host.clock().instant()) + "       \n"
                + "+-----------------------------------------------------------------------------------------+\n"
                + "| NVIDIA-SMI 550.127.05             Driver Version: 550.127.05     CUDA Version: 12.4     |\n"
                + "|-----------------------------------------+------------------------+----------------------+\n"
                + "| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |\n"
                + "| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |\n"
                + "|=========================================+========================+======================|\n"
                + String.format("|   0  %-26s     On  |   00000000:06:00.0 Off |                    0 |%n",
                        host.gpuName())
                + "|  0%   34C    P8             21W /  150W |   " + memory + " |    " + util
                + "      Default |\n"
                + "+-----------------------------------------+------------------------+----------------------+\n");
    }

    private ShellResult df() {
        boolean full = host.faults().contains(Fault.DISK_FULL);
        String root = full ? "overlay         200G  200G     0 100% /" : "overlay         200G  112G   89G  56% /";
        return ShellResult.ok("Filesystem      Size  Used Avail Use% Mounted on\n" + root + "\n"
                + "tmpfs            64M     0   64M   0% /dev\n"
                + "shm              64M     0   64M   0% /dev/shm\n");
    }

    private static ShellResult sleep(List<String> args) {
        try {
            double seconds = args.isEmpty() ? 0 : Double.parseDouble(args.get(0));
            Thread.sleep(Duration.ofMillis((long) Math.min(seconds * 1000, 600_000)));
            return ShellResult.ok();
        } catch (NumberFormatException e) {
            return ShellResult.fail(1, "sleep: invalid time interval '" + args.get(0) + "'\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ShellResult(143, "", "");
        }
    }
}
