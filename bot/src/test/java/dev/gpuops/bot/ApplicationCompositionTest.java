package dev.gpuops.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * {@link GpuopsApplication} lists its configuration instead of scanning for it (start-up time); this is the scan,
 * run once here instead of at every start, so a new class under {@code dev.gpuops.bot} cannot be forgotten.
 */
class ApplicationCompositionTest {

    private static final String BASE = "dev.gpuops.bot";

    @Test
    void everyComponentOfTheBotIsImportedByTheApplication() {
        Set<Class<?>> imported = Set.of(GpuopsApplication.class.getAnnotation(Import.class).value());
        List<String> components = mainClasses(new ClassPathScanningCandidateComponentProvider(true));

        assertThat(components).as("components found by scanning " + BASE).isNotEmpty()
                .contains("dev.gpuops.bot.slack.SlackConfiguration", "dev.gpuops.bot.wiring.HandlersWiring");
        List<String> missing = components.stream().filter(name -> !name.equals(GpuopsApplication.class.getName()))
                .filter(name -> imported.stream().noneMatch(i -> name.equals(i.getName())
                        || name.startsWith(i.getName() + "$")))
                .toList();
        assertThat(missing).as("add these to @Import on GpuopsApplication").isEmpty();
    }

    @Test
    void everyConfigurationPropertiesRecordIsEnabledByTheApplication() {
        Set<String> enabled = Arrays.stream(GpuopsApplication.class.getAnnotation(EnableConfigurationProperties.class)
                .value()).map(Class::getName).collect(Collectors.toSet());
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> properties = mainClasses(scanner);

        assertThat(properties).as("@ConfigurationProperties under " + BASE)
                .contains("dev.gpuops.bot.config.SlackProperties", "dev.gpuops.bot.wiring.ProviderProperties");
        assertThat(properties.stream().filter(name -> !enabled.contains(name)).toList())
                .as("add these to @EnableConfigurationProperties on GpuopsApplication").isEmpty();
    }

    /** Candidates from the bot's main classes only: test sources declare configurations of their own. */
    private static List<String> mainClasses(ClassPathScanningCandidateComponentProvider scanner) {
        URL main = GpuopsApplication.class.getProtectionDomain().getCodeSource().getLocation();
        return scanner.findCandidateComponents(BASE).stream().map(BeanDefinition::getBeanClassName)
                .filter(name -> main.equals(load(name).getProtectionDomain().getCodeSource().getLocation()))
                .sorted().toList();
    }

    private static Class<?> load(String name) {
        return ClassUtils.resolveClassName(name, ApplicationCompositionTest.class.getClassLoader());
    }
}
