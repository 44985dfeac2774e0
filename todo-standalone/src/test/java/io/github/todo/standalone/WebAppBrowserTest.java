package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.todo.core.Task;
import io.github.todo.core.TodoConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app at {@code /app/} in a real headless Chromium, used the way a person would: add,
 * tick, rename, delete, page through, reload. Needs Debian's {@code chromium} and
 * {@code chromium-driver}; without them it is skipped, and says so in the build log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAppBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "app-screenshot.png");
    static final String SKIPPED = "WebAppBrowserTest SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER
            + " is missing (apt-get install chromium chromium-driver)";

    TodoServer server;
    WebDriver browser;
    WebDriverWait wait;
    HttpClient client;

    /** The settings of each test's server; {@link WebAppHttpsBrowserTest} serves HTTPS. */
    ServerSettings settings(Path dir) {
        return ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db"))).withPort(0);
    }

    /** The client the tests read and write through, besides the page. */
    HttpClient httpClient() {
        return HttpClient.newHttpClient();
    }

    /** Chromium's arguments besides the headless ones. */
    List<String> browserArguments() {
        return List.of();
    }

    @BeforeAll
    void startChromium(@TempDir Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            System.out.println(SKIPPED); // each test is then reported as skipped, with the same reason
            return;
        }
        client = httpClient();
        // Both paths given, so Selenium Manager has nothing to find or download.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=900,1200");
        options.addArguments(browserArguments());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** A fresh server and database for each test; the browser is shared, each server is its own origin. */
    @BeforeEach
    void startServer(@TempDir Path dir) {
        Assumptions.assumeTrue(browser != null, SKIPPED);
        server = TodoServer.start(settings(dir));
    }

    @AfterEach
    void stopServer() {
        if (server == null) {
            return;
        }
        try {
            assertNoConsoleErrors();
        } finally {
            server.close();
        }
    }

    @Test
    void a_person_adds_ticks_renames_deletes_pages_and_finds_it_all_after_a_reload() throws Exception {
        browser.get(server.url() + "/app");
        assertEquals(server.url() + "/app/", browser.getCurrentUrl(), "/app redirects to /app/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));

        add("buy milk");
        assertEquals("new-task", focused(), "focus stays in the field for the next one");
        add("walk the dog");
        add("write the docs");
        assertEquals(List.of("buy milk", "walk the dog", "write the docs"), names());

        checkbox("buy milk").click();
        wait.until(driver -> item("buy milk").getAttribute("class").contains("done"));
        assertStatus("Done: \u201cbuy milk\u201d.");
        assertTrue(stored("buy milk").done(), "stored, not just drawn");

        WebElement field = openRename("walk the dog"); // the field opens on the name, focused
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), "walk the cat", Keys.ENTER);
        wait.until(driver -> names().contains("walk the cat"));
        assertEquals("rename-" + stored("walk the cat").id(), focused(), "focus back on the Rename button");

        openRename("buy milk").sendKeys("never saved", Keys.ESCAPE);
        assertStatus("Rename cancelled.");

        button("Delete write the docs").click();
        wait.until(driver -> !names().contains("write the docs"));
        assertStatus("Deleted \u201cwrite the docs\u201d.");

        browser.navigate().refresh();
        wait.until(driver -> names().size() == 2);
        assertEquals(List.of("buy milk", "walk the cat"), names());
        assertTrue(checkbox("buy milk").isSelected() && !checkbox("walk the cat").isSelected(), "persisted");

        for (int i = 1; i <= 23; i++) {
            post("{\"name\":\"chore " + i + "\",\"done\":" + (i % 4 == 0) + "}");
        }
        browser.navigate().refresh();
        wait.until(driver -> names().size() == 10);
        browser.findElement(By.id("next")).click();
        wait.until(driver -> names().get(0).equals("chore 9"));
        browser.findElement(By.id("next")).sendKeys(Keys.ENTER); // by keyboard too
        wait.until(driver -> names().equals(List.of("chore 19", "chore 20", "chore 21", "chore 22", "chore 23")));
        assertEquals("Page 3", browser.findElement(By.id("page")).getText());
        assertFalse(browser.findElement(By.id("next")).isEnabled(), "the last page");
        browser.findElement(By.id("prev")).click();
        wait.until(driver -> names().get(0).equals("chore 9"));

        new Select(browser.findElement(By.id("filter"))).selectByVisibleText("Done");
        wait.until(driver -> names().equals(List.of("buy milk", "chore 4", "chore 8", "chore 12", "chore 16", "chore 20")));
        new Select(browser.findElement(By.id("filter"))).selectByVisibleText("All");
        wait.until(driver -> names().size() == 10 && names().get(0).equals("buy milk"));

        assertAccessibleNames();
        add("take a screenshot");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("WebAppBrowserTest: screenshot in " + SCREENSHOT.toAbsolutePath());
    }

    @Test
    void with_a_token_the_page_asks_for_it_once_and_then_works(@TempDir Path other) {
        ServerSettings open = ServerSettings.defaults(TodoConfig.of(other.resolve("todo.db"))).withPort(0);
        ServerSettings guarded = new ServerSettings(open.host(), 0, open.ioThreads(), open.workerThreads(), open.store(),
                open.api().withToken("s3cret"), false, open.idleTimeout(), open.requestTimeout(), open.maxHeaderSize(),
                open.shutdownTimeout());
        try (TodoServer server = TodoServer.start(guarded)) {
            browser.get(server.url() + "/app/");
            WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
            assertTrue(status().contains("needs an access token"), status());
            token.sendKeys("s3cret", Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
            add("guarded");
            assertFalse(browser.findElement(By.id("token-form")).isDisplayed());
        }
        browser.manage().logs().get(LogType.BROWSER); // the 401 before the token was expected
    }

    /**
     * The footer of a todo list ("N items left", "Mark all as complete", "Clear completed") and a
     * rename whose task another tab changed meanwhile: refused, the task shown as it is now, the
     * edit kept to save again. On a server of its own, so the counts are this test's alone.
     */
    @Test
    void the_footer_counts_marks_all_clears_completed_and_a_rename_survives_a_change_elsewhere(@TempDir Path other) throws Exception {
        TodoServer previous = server;
        try (TodoServer own = TodoServer.start(ServerSettings.defaults(TodoConfig.of(other.resolve("todo.db"))).withPort(0))) {
            server = own;
            browser.get(server.url() + "/app/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
            add("one");
            add("two");
            add("three");
            wait.until(driver -> left().equals("3 items left"));
            assertFalse(browser.findElement(By.id("clear-completed")).isEnabled(), "nothing done yet");

            checkbox("two").click();
            wait.until(driver -> left().equals("2 items left"));
            assertTrue(browser.findElement(By.id("clear-completed")).isEnabled());

            // another tab renames "one" while this one is renaming it too
            WebElement field = openRename("one");
            patch(stored("one").id(), "{\"name\":\"one, renamed elsewhere\"}");
            field.sendKeys(Keys.chord(Keys.CONTROL, "a"), "one, mine", Keys.ENTER);
            wait.until(driver -> status().startsWith("This task was changed in another tab"));
            assertTrue(status().contains("\u201cone, renamed elsewhere\u201d"), status());
            WebElement kept = browser.switchTo().activeElement();
            assertEquals("one, mine", kept.getAttribute("value"), "the edit is kept, in focus");
            kept.sendKeys(Keys.ENTER); // saved again, over the other tab's name
            wait.until(driver -> names().contains("one, mine"));
            assertEquals("one, mine", stored("one, mine").name());

            browser.findElement(By.id("complete-all")).click();
            assertStatus("Marked 2 tasks as complete.");
            wait.until(driver -> left().equals("0 items left"));
            assertTrue(stored("three").done() && stored("one, mine").done(), "stored, not just drawn");
            assertFalse(browser.findElement(By.id("complete-all")).isEnabled(), "nothing left to mark");

            browser.findElement(By.id("clear-completed")).click();
            assertStatus("Cleared 3 completed tasks.");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
            assertEquals(List.of(), names());
            assertAccessibleNames();
            // the browser logs the refused save; it is the only thing it may log
            List<String> logged = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
            assertTrue(logged.stream().allMatch(message -> message.contains("412")), logged.toString());
        } finally {
            server = previous;
        }
    }

    @Test
    void the_docs_page_runs_swagger_ui_and_its_try_it_out_reaches_the_api() {
        post("{\"name\":\"from the docs\",\"done\":false}");
        browser.get(server.url() + "/docs");
        WebElement operation = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operations-tasks-listTasks")));
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        // Swagger UI renders the opened operation asynchronously: look the buttons up inside the wait
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-tasks-listTasks .try-out__btn"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-tasks-listTasks .execute"))).click();
        WebElement status = wait.until(driver -> operation.findElement(By.cssSelector(".live-responses-table tbody .response-col_status")));
        assertEquals("200", status.getText().trim());
        assertTrue(operation.findElement(By.cssSelector(".live-responses-table .microlight")).getText().contains("from the docs"));
    }

    private void add(String name) {
        WebElement field = browser.findElement(By.id("new-task"));
        field.sendKeys(name, Keys.ENTER);
        wait.until(driver -> status().startsWith("Added \u201c" + name + "\u201d"));
    }

    /** The names on the page now, read in one step: the list is redrawn while the test looks. */
    @SuppressWarnings("unchecked")
    private List<String> names() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#tasks .view label')].map(label => label.textContent);");
    }

    private WebElement item(String name) {
        return browser.findElements(By.cssSelector("#tasks li")).stream()
                .filter(li -> li.findElement(By.cssSelector(".view label")).getText().equals(name)).findFirst().orElseThrow();
    }

    private WebElement checkbox(String name) {
        return item(name).findElement(By.cssSelector("input[type=checkbox]"));
    }

    private WebElement button(String accessibleName) {
        return browser.findElement(By.cssSelector("button[aria-label='" + accessibleName + "']"));
    }

    private String focused() {
        return browser.switchTo().activeElement().getAttribute("id");
    }

    private String status() {
        return browser.findElement(By.id("status")).getText();
    }

    private void assertStatus(String expected) {
        wait.until(driver -> status().equals(expected));
        assertEquals("polite", browser.findElement(By.id("status")).getAttribute("aria-live"));
    }

    /** Every control has a name a screen reader can say: a label, text or aria-label. */
    private void assertAccessibleNames() {
        Object unnamed = ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('input, select, button')]
                    .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
                    .map(e => e.outerHTML);""");
        assertEquals(List.of(), unnamed);
    }

    /** Read after each test, which also empties the log for the next one. */
    private void assertNoConsoleErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, "no script errors, no CSP violations");
    }

    /** The task as the server stores it, read through the API rather than the page. */
    private Task stored(String name) throws Exception {
        HttpResponse<String> all = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/tasks")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonElement each : JsonParser.parseString(all.body()).getAsJsonArray()) {
            JsonObject task = each.getAsJsonObject();
            if (task.get("name").getAsString().equals(name)) {
                return new Task(task.get("id").getAsLong(), name, task.get("done").getAsBoolean());
            }
        }
        throw new AssertionError("no stored task named " + name);
    }

    /** Clicks Rename on {@code name} and waits for its field: the page reads the task (and its ETag) first. */
    private WebElement openRename(String name) {
        button("Rename " + name).click();
        return wait.until(driver -> {
            WebElement active = browser.switchTo().activeElement();
            return name.equals(active.getAttribute("value")) && "input".equals(active.getTagName()) ? active : null;
        });
    }

    private String left() {
        return browser.findElement(By.id("left")).getText();
    }

    private void patch(long id, String json) {
        try {
            HttpResponse<String> changed = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/tasks/" + id))
                    .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, changed.statusCode(), changed.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void post(String json) {
        try {
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/tasks"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
