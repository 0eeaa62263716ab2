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
import org.openqa.selenium.JavascriptExecutor;
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

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ack-body"), "accepted: restart box-1"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages"),
                "restart box-1 worker-gpu — succeeded"));
        // the root and the checklist are separate chat.update calls, spaced by the channel's update gate: the
        // checklist may still show an earlier state when the root already says succeeded
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".thread-reply"),
                "worker-gpu RUNNING"));
        String thread = browser.findElement(By.cssSelector(".thread-reply")).getText();
        assertThat(thread).contains("restart").contains("worker-gpu RUNNING");
        Files.createDirectories(Path.of("target"));
        Files.copy(((ChromeDriver) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                Path.of("target", "demo-console.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The channel scrolls above the command box; after ten commands the box is still on screen. */
    @Test
    void commandBoxStaysInViewWhileTheChannelScrolls() {
        assertThat(new File(CHROMIUM)).as("chromium (./gpuops test installs it)").canRead();
        browser = chromium(profile);
        browser.get(demo.slack().orElseThrow().consoleUrl());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("channel-title"), "#gpu-ops"));

        for (int i = 1; i <= 10; i++) {
            browser.findElement(By.id("command-input")).sendKeys("/gpu help");
            browser.findElement(By.id("command-send")).click();
            int sent = i;
            wait.until(b -> b.findElements(By.cssSelector("#messages .message")).size() >= sent);
        }

        JavascriptExecutor js = (JavascriptExecutor) browser;
        Boolean inView = (Boolean) js.executeScript("var r = document.getElementById('command-input')"
                + ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;");
        assertThat(inView).as("the command input is inside the viewport").isTrue();
        Boolean scrolls = (Boolean) js.executeScript("var m = document.getElementById('messages');"
                + " return m.scrollHeight > m.clientHeight;");
        assertThat(scrolls).as("the channel itself scrolls, not the page").isTrue();
        String usage = browser.findElement(By.cssSelector("#messages")).getText();
        assertThat(usage).as("escaped <target> renders as <target>").contains("/gpu deploy <target> <tag>");
        String stamp = browser.findElement(By.cssSelector("#messages .message-head .ts")).getText();
        assertThat(stamp).as("a human-readable time, not a Slack ts").matches(".*\\d{1,2}:\\d{2}:\\d{2}.*")
                .doesNotContain(".000");
        assertThat(browser.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href"))
                .endsWith("/console/favicon.svg");
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
