package dev.gpuops.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.sandbox.SandboxInitializer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What `./gpuops demo` gives a newcomer, in a real headless Chromium: no Slack credentials and no targets file, so
 * the sandbox Slack console and the demo fleet are used; a command typed in the console travels as a signed slash
 * command through Bolt, Kafka and the handlers to a sandbox SSH host, and its thread appears in the page.
 * {@code ./gpuops test} installs Debian's chromium and chromium-driver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoConsoleBrowserIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @Autowired
    SandboxInitializer.Demo demo;

    @TempDir
    Path profile;

    private WebDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void typedRestartShowsItsCheckedOffThreadInTheConsole() throws Exception {
        assertThat(new File(CHROMIUM)).as("chromium (./gpuops test installs it)").canRead();
        browser = chromium(profile);
        browser.get(demo.slack().orElseThrow().consoleUrl());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("channel-title"), "#gpu-ops"));

        browser.findElement(By.id("command-input")).sendKeys("/gpu restart box-1 worker-gpu");
        browser.findElement(By.id("command-send")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ack-body"), "queued: restart box-1"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages"),
                "restart box-1 worker-gpu — succeeded"));
        // the console polls: the thread view catches up with the root message a moment later, so wait for it
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".thread-reply"),
                "worker-gpu RUNNING"));
        String thread = browser.findElement(By.cssSelector(".thread-reply")).getText();
        assertThat(thread).contains("restart").contains("worker-gpu RUNNING");
        Files.createDirectories(Path.of("target"));
        Files.copy(((ChromeDriver) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                Path.of("target", "demo-console.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebDriver chromium(Path profile) {
        // an explicit driver and binary keep Selenium Manager from downloading anything
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1400,900", "--user-data-dir=" + profile);
        return new ChromeDriver(service, options);
    }
}
