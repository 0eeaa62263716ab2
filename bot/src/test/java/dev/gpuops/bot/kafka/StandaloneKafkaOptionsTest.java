package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StandaloneKafkaOptionsTest {

    @Test
    void defaultsToPort9092WithTheControllerNextToItAndDataInTheWorkingDirectory() {
        StandaloneKafka.Options options = StandaloneKafka.Options.parse(new String[0]);

        assertThat(options.port()).isEqualTo(9092);
        assertThat(options.controllerPort()).isEqualTo(9093);
        assertThat(options.data()).isEqualTo(Path.of("kafka-data").toAbsolutePath());
    }

    @Test
    void takesPortAndDataDirectory() {
        StandaloneKafka.Options options = StandaloneKafka.Options.parse(new String[] {"--port", "19092", "--data",
                "/tmp/k"});

        assertThat(options.port()).isEqualTo(19092);
        assertThat(options.controllerPort()).isEqualTo(19093);
        assertThat(options.data()).isEqualTo(Path.of("/tmp/k"));
    }

    @Test
    void refusesABadPortOrAnUnknownOptionSayingWhich() {
        assertThatThrownBy(() -> StandaloneKafka.Options.parse(new String[] {"--port", "http"}))
                .hasMessage("--port needs a port number (1-65535), got 'http'");
        assertThatThrownBy(() -> StandaloneKafka.Options.parse(new String[] {"--dir", "/tmp"}))
                .hasMessage("unknown option --dir");
        assertThatThrownBy(() -> StandaloneKafka.Options.parse(new String[] {"--data"}))
                .hasMessage("missing value after --data");
    }

    @Test
    void serverPropertiesKeepTheDataInTheGivenDirectoryAndListenOnLoopbackOnly() {
        String properties = StandaloneKafka.serverProperties(new StandaloneKafka.Options(19092, 19093,
                Path.of("/tmp/k")), Path.of("/tmp/k/logs"));

        assertThat(properties).contains("log.dirs=/tmp/k/logs", "listeners=PLAINTEXT://127.0.0.1:19092,"
                + "CONTROLLER://127.0.0.1:19093", "process.roles=broker,controller");
    }
}
