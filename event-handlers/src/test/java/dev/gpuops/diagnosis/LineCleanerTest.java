package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineCleanerTest {

    private final LineCleaner cleaner = new LineCleaner();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            docker -t           => 2026-02-08T10:15:30.123456789Z CUDA out of memory => CUDA out of memory
            docker compose      => image-server-1  | Traceback (most recent call last): => Traceback (most recent call last):
            compose + timestamp => api-1  | 2026-02-08T10:15:30Z ERROR boom => ERROR boom
            journald            => Feb  8 10:15:30 gpu-box dockerd[912]: level=error msg=x => level=error msg=x
            journald two-digit  => Feb 08 12:41:07 ip-10-1-2-3 systemd[1]: comfyui.service: Failed => comfyui.service: Failed
            docker logfmt       => Feb 08 10:31:44 gpu-box dockerd[912]: time="2026-02-08T10:31:44Z" level=error msg=y => level=error msg=y
            klog                => E0208 10:15:30.123456    1234 kuberuntime_manager.go:1256] Back-off pulling => Back-off pulling
            gunicorn            => [2026-02-08 10:40:05 +0000] [7] [ERROR] Exception in worker process => [ERROR] Exception in worker process
            supervisord         => 2026-02-08 12:10:07,655 INFO gave up: worker-gpu entered FATAL state => INFO gave up: worker-gpu entered FATAL state
            python logging      => 2026-02-08 10:24:09,551 - app - INFO - loading => app - INFO - loading
            iso with offset     => 2026-02-08T10:24:09.551+00:00 gpu-box app[4242]: ready => ready
            bracket time        => [10:15:30] worker started => worker started
            no prefix           => ModuleNotFoundError: No module named 'x' => ModuleNotFoundError: No module named 'x'
            nvidia-smi row kept => |   0  NVIDIA A10      On  |   00000000:06:00.0 Off | => |   0  NVIDIA A10      On  |   00000000:06:00.0 Off |
            """)
    void stripsTimestampAndSourcePrefixes(String format, String raw, String content) {
        assertThat(cleaner.clean(raw)).isEqualTo(content.strip());
    }

    @Test
    void stripsAnsiColoursAndCursorCodes() {
        String raw = "\u001B[32mINFO\u001B[0m:     \u001B[1mGET /health\u001B[0m \u001B[2K\u001B]0;title\u0007done";
        assertThat(cleaner.clean(raw)).isEqualTo("INFO:     GET /health done");
    }

    @Test
    void cutsOverlongLines() {
        assertThat(cleaner.clean("x".repeat(50_000))).hasSize(LineCleaner.MAX_LINE);
    }

    @Test
    void keepsALineThatIsOnlyAPrefix() {
        assertThat(cleaner.clean("2026-02-08T10:15:30Z")).isEqualTo("2026-02-08T10:15:30Z");
    }
}
