package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium: a typed slash command reaches a signature-checking stand-in bot, which
 * posts a root message and a thread reply through the Web API; both must appear in the page.
 */
@EnabledIf("browserInstalled")
class ConsoleBrowserIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String SECRET = "browser-test-signing-secret";

    private SandboxSlack slack;
    private TestBot bot;
    private WebDriver browser;
    private Path profile;

    static boolean browserInstalled() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    @BeforeEach
    void start() throws IOException {
        slack = SandboxSlack.builder().signingSecret(SECRET).start();
        WebApiCaller api = new WebApiCaller(slack);
        bot = new TestBot(SECRET, command -> {
            String channel = command.form().get("channel_id");
            String root = api.form("chat.postMessage", "channel", channel,
                    "text", "▶ status box-1 — running (r-test0001)").json().path("ts").asString();
            api.form("chat.postMessage", "channel", channel, "thread_ts", root,
                    "text", "fallback", "blocks", """
                            [{"type":"section","text":{"type":"mrkdwn","text":"✅ *check-ssh* — 0.4s"}},
                             {"type":"context","elements":[{"type":"mrkdwn","text":"run r-test0001"}]},
                             {"type":"actions","elements":[{"type":"button","action_id":"cancel",
                               "text":{"type":"plain_text","text":"Cancel run"}}]}]""");
            return "{\"response_type\":\"ephemeral\",\"text\":\"Queued status on box-1 (r-test0001)\"}";
        });
        slack.botUrl(bot.url());
        profile = Files.createTempDirectory("console-chromium");
        browser = chromium(profile);
    }

    private static WebDriver chromium(Path profile) {
        // An explicit driver and binary keep Selenium Manager from trying to download anything.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1400,900", "--user-data-dir=" + profile);
        return new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        bot.close();
        slack.close();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void typedCommandReachesTheBotAndItsThreadAppearsLive() throws IOException {
        browser.get(slack.consoleUrl());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("channel-title"), "#gpu-ops"));

        browser.findElement(By.id("command-input")).sendKeys("/gpu status box-1");
        browser.findElement(By.id("command-send")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".thread-reply"),
                "check-ssh"));
        WebElement root = browser.findElement(By.cssSelector("#messages > .message:not(.ephemeral)"));
        assertThat(root.getText()).contains("▶ status box-1 — running (r-test0001)");
        WebElement reply = root.findElement(By.cssSelector(".thread .thread-reply"));
        assertThat(reply.getText()).contains("✅ check-ssh — 0.4s", "run r-test0001", "Cancel run");
        assertThat(reply.findElement(By.cssSelector(".block-section b")).getText()).isEqualTo("check-ssh");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ack-status"), "HTTP 200"));
        assertThat(browser.findElement(By.id("ack-body")).getText())
                .contains("ephemeral", "Queued status on box-1 (r-test0001)");
        assertThat(browser.findElement(By.cssSelector(".message.ephemeral")).getText())
                .contains("Queued status on box-1", "only visible to alice");
        assertThat(bot.received()).singleElement()
                .satisfies(command -> assertThat(command.form()).containsEntry("text", "status box-1"));
        screenshot();
    }

    private void screenshot() throws IOException {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "console-browser-it.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
