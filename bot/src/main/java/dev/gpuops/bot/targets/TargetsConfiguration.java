package dev.gpuops.bot.targets;

import dev.gpuops.bot.config.GpuopsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class TargetsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TargetDirectory targetDirectory(GpuopsProperties properties) {
        return YamlTargetDirectory.load(properties.targetsPath());
    }
}
