package newsroom.local;

import static newsroom.local.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Api;
import newsroom.local.support.Browser;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk, end to end in Chromium through the local runtime (two-person rule on): a press officer
 * signs in, writes a release with an attachment and an embargo, a second person schedules it, the
 * page goes live at the embargo and the emails arrive, it is withdrawn, a CSV of contacts with two
 * bad rows is imported, and the delivery report is read. axe-core checks every screen; the desk
 * works with the keyboard alone and on a 360 px wide screen. Screenshots go to target/screenshots
 * (the README's come from there). Needs: the AWS emulator, and chromium + chromium-driver.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeskIT {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String TITLE = "Appeal for witnesses after Castle Street collision";
    private static MutableClock clock;
    private static Emulator emulator;
    private static LocalRuntime runtime;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static String releaseId;
    private static Instant embargo;
    private static boolean localSignInChecked;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start(1280, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        clock = new MutableClock(Instant.now());
        emulator = SharedEmulator.fresh();
        runtime = LocalStack.start(emulator, LocalRuntime.Options.defaults().withClock(clock).withTwoPersonRule(true)
                .withTick(Duration.ZERO));
        // Two journalists follow appeals: one trusted with embargoes (advance copy), one not.
        Api api = new Api(runtime.apiUrl());
        String admin = runtime.tokens().issue("admin@example.gov.uk", List.of("newsroom/contacts"));
        assertEquals(201, api.post("/contacts", admin, "{\"email\": \"crime.desk@daily.example\", \"name\": \"Sam Reporter\","
                + " \"outlet\": \"The Daily\", \"topics\": [\"Appeals\"], \"embargoAccess\": true}").statusCode());
        assertEquals(201, api.post("/contacts", admin, "{\"email\": \"news@weekly.example\", \"name\": \"Kim Writer\","
                + " \"outlet\": \"The Weekly\", \"topics\": [\"Appeals\"], \"embargoAccess\": false}").statusCode());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static URI desk() {
        return runtime.siteUrl().resolve("/desk/");
    }

    private static WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void heading(String text) {
        try {
            wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no heading \"" + text + "\"; the screen says: "
                    + browser.findElement(By.tagName("main")).getText(), e);
        }
    }

    private static void type(String id, String text) {
        WebElement field = waitFor(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void check(String name) throws IOException {
        Browser.assertAccessible(browser, name);
        Browser.assertNoConsoleErrors(browser, name);
        Browser.screenshot(browser, name);
    }

    /** Signs in through the local sign-in page with these roles (the others unticked). */
    private static void signIn(String name, String... roles) {
        browser.get(desk().toString());
        wait.until(d -> !d.findElement(By.cssSelector("main h1")).getText().isEmpty());
        if (!browser.findElements(By.xpath("//button[normalize-space()='Sign out']")).isEmpty()) {
            signOut();
        }
        waitFor(By.xpath("//button[normalize-space()='Sign in (local)']")).click();
        waitFor(By.id("name"));
        if (!localSignInChecked) {
            localSignInChecked = true;
            Browser.assertAccessible(browser, "local-sign-in");
        }
        type("name", name);
        for (WebElement role : browser.findElements(By.name("role"))) {
            boolean wanted = List.of(roles).contains(role.getAttribute("value"));
            if (role.isSelected() != wanted) {
                role.click();
            }
        }
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        heading("Releases");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), name));
    }

    private static void signOut() {
        waitFor(By.xpath("//button[normalize-space()='Sign out']")).click();
        heading("Sign in to the desk");
    }

    private static Path png() throws IOException {
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new java.awt.Color(0x1d70b8));
        g.fillRect(0, 0, 640, 360);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        Path file = Files.createTempDirectory("desk").resolve("castle-street-map.png");
        Files.write(file, out.toByteArray());
        return file;
    }

    private static List<SentEmail> emailsTo(String address) {
        return emulator.sentEmails().stream().filter(e -> e.to().contains(address) && e.subject().contains(TITLE)).toList();
    }

    @Test
    @Order(1)
    void aPressOfficerWritesAReleaseWithAFileAndAnEmbargo() throws Exception {
        browser.get(desk().toString());
        heading("Sign in to the desk");
        check("desk-sign-in");
        signIn("alice.editor", "newsroom/editor", "newsroom/contacts");
        check("desk-releases");

        waitFor(By.linkText("New release")).click();
        heading("New release");
        type("title", TITLE);
        type("summary", "Police are appealing for witnesses after a collision on Castle Street on Sunday evening.");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("category"))).selectByVisibleText("Appeals");
        type("contact-name", "Press office");
        type("contact-phone", "0800 000 0000");
        type("body", "A cyclist was taken to hospital after the collision at about 7.40pm.\n\n"
                + "> \u201cWe would like to hear from anyone who saw it,\u201d said Inspector Rao.\n\n"
                + "Call 101 quoting log 1234.");
        browser.findElement(By.id("save")).click();
        heading("Edit: " + TITLE);
        releaseId = browser.getCurrentUrl().replaceAll(".*#/releases/", "");
        assertTrue(releaseId.matches("[0-9a-f-]{36}"), browser.getCurrentUrl());

        // The preview is the real page template, rendered by the API.
        wait.until(d -> {
            d.switchTo().frame("preview");
            try {
                return d.findElements(By.tagName("h1")).stream().anyMatch(h -> h.getText().equals(TITLE));
            } finally {
                d.switchTo().defaultContent();
            }
        });

        // A file, checked and uploaded with progress.
        waitFor(By.id("drop"));
        browser.findElement(By.id("file-input")).sendKeys(png().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("uploads"), "Uploaded"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("file-list"), "castle-street-map.png"));

        // The embargo, in UK time, with its offset shown.
        embargo = clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
        String wall = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(embargo.atZone(LONDON));
        ((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById('embargo'); e.value = arguments[0];"
                        + " e.dispatchEvent(new Event('input', {bubbles: true}));", wall);
        wait.until(ExpectedConditions.textMatches(By.id("embargo-zone"), java.util.regex.Pattern.compile("(GMT|BST), UTC")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("advance-copy"), "Sam Reporter (The Daily)"));
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved"), "Saved at"));
        assertTrue(browser.findElement(By.id("workflow")).getText().contains("A publisher publishes or schedules it"),
                "an editor cannot publish");
        check("desk-compose");
        assertEquals(embargo, Instant.parse(json(new Api(runtime.apiUrl()).get("/releases/" + releaseId,
                runtime.tokens().issue("t", List.of("newsroom/editor")))).path("embargoUntil").asText()));
        signOut();
    }

    @Test
    @Order(2)
    void aSecondPersonSchedulesItAndItGoesLiveWithItsEmails() throws Exception {
        signIn("bob.publisher", "newsroom/publisher");
        waitFor(By.linkText("Awaiting approval")).click();
        waitFor(By.linkText(TITLE)).click();
        heading("Edit: " + TITLE);
        WebElement schedule = waitFor(By.id("publish"));
        assertTrue(schedule.getText().startsWith("Schedule for"), schedule.getText());
        schedule.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .meta"), "Scheduled"));
        Eventually.await(Duration.ofSeconds(20), () -> emailsTo("crime.desk@daily.example").size(), n -> n == 1);
        assertEquals(1, emailsTo("crime.desk@daily.example").size(), "the trusted journalist's advance copy");
        assertEquals(0, emailsTo("news@weekly.example").size(), "nothing yet for the other");
        // The journalist opens their own copy (its opening shows in the report, below).
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://localhost:\\d+/advance/[A-Za-z0-9._-]+")
                .matcher(emailsTo("crime.desk@daily.example").get(0).text());
        assertTrue(link.find());
        HttpResponse<String> copy = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(link.group())).header("User-Agent", "DeskIT-newsreader").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(copy.body().contains("Advance copy for Sam Reporter, The Daily"), copy.body());
        // Then the office withdraws every advance copy from the desk: the link says so.
        waitFor(By.id("revoke-copies")).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("workflow"), "Every advance copy of this release is withdrawn"));
        assertEquals(410, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(link.group())).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        clock.set(embargo.plusSeconds(1));
        runtime.tickSchedules();
        String url = json(new Api(runtime.apiUrl()).get("/releases/" + releaseId,
                runtime.tokens().issue("t", List.of("newsroom/editor")))).path("url").asText();
        URI page = runtime.siteUrl().resolve(URI.create(url).getPath());
        HttpResponse<String> live = Eventually.await(Duration.ofSeconds(20), () -> Http.get(page), r -> r.statusCode() == 200);
        assertTrue(live.body().contains(TITLE));
        Eventually.await(Duration.ofSeconds(20), () -> emailsTo("news@weekly.example").size(), n -> n == 1);
        assertEquals(1, emailsTo("news@weekly.example").size(), "the release itself, once public");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .meta"), "Published"));
        waitFor(By.xpath("//summary[normalize-space()='Withdraw this release']")).click();
        type("withdraw-reason", "Withdrawn at the request of the family.");
        browser.findElement(By.id("withdraw")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .meta"), "Withdrawn"));
        HttpResponse<String> notice = Eventually.await(Duration.ofSeconds(20), () -> Http.get(page),
                r -> r.body().contains("Withdrawn at the request of the family."));
        assertTrue(!notice.body().contains("Inspector Rao"), "the text is gone from the public page");
        signOut();
    }

    @Test
    @Order(3)
    void contactsAreImportedWithEveryBadRowNamedAndTheReportIsRead() throws Exception {
        signIn("alice.editor", "newsroom/editor", "newsroom/contacts");
        waitFor(By.linkText("Media contacts")).click();
        heading("Media contacts");
        check("desk-contacts");
        waitFor(By.linkText("Import a CSV")).click();
        heading("Import media contacts");
        Path csv = Files.createTempDirectory("desk").resolve("media-list.csv");
        Files.writeString(csv, "email,name,outlet,topics,embargoAccess\n"
                + "one@radio.example,Ola Radio,Radio One,Appeals,false\n"
                + "not-an-address,Bad Row,Nowhere,Appeals,false\n"
                + "two@tv.example,Tom TV,TV Two,Road Safety,true\n"
                + "three@paper.example,Tia Paper,The Paper,Appeals;Community,false\n"
                + "four@paper.example,Fay Paper,The Paper,Gardening,false\n");
        browser.findElement(By.id("csv-file")).sendKeys(csv.toString());
        browser.findElement(By.id("start-import")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-state"), "Done"));
        assertTrue(browser.findElement(By.id("import-state")).getText().contains("3 added"),
                browser.findElement(By.id("import-state")).getText());
        assertTrue(browser.findElement(By.id("import-state")).getText().contains("2 refused"));
        List<WebElement> refused = browser.findElements(By.cssSelector("#refused-rows tbody tr"));
        assertEquals(2, refused.size());
        // Rows counted as in a spreadsheet: the header is row 1.
        assertTrue(refused.get(0).getText().startsWith("3") && refused.get(0).getText().contains("email"), refused.get(0).getText());
        assertTrue(refused.get(1).getText().startsWith("6") && refused.get(1).getText().contains("topics"), refused.get(1).getText());
        check("desk-import");

        browser.get(desk() + "#/contacts");
        waitFor(By.linkText("Ola Radio")).click();
        heading("Ola Radio");
        check("desk-contact");
        waitFor(By.id("delete-contact")).click();
        browser.switchTo().alert().accept();
        heading("Media contacts");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contact-count"), "contacts"));
        assertTrue(browser.findElements(By.linkText("Ola Radio")).isEmpty(), "deleted from the media list");

        browser.get(desk() + "#/releases/" + releaseId + "/report");
        heading("Delivery report: " + TITLE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-live"), "deliveries"));
        String summary = browser.findElement(By.id("report-live")).getText();
        assertTrue(summary.startsWith("4 deliveries"), summary);
        String opened = waitFor(By.id("openings-table")).getText();
        assertTrue(opened.contains("crime.desk@daily.example") && opened.contains("DeskIT-newsreader"), opened);
        List<WebElement> rows = browser.findElements(By.cssSelector("#recipients tbody tr"));
        assertEquals(4, rows.size(), "advance copy and withdrawal to one, the release and withdrawal to the other");
        assertTrue(browser.findElement(By.id("recipients")).getText().contains("crime.desk@daily.example"));
        check("desk-report");
        signOut();

        // The export that outlives the retention period: every delivery, addresses only for the media list's keepers.
        Api api = new Api(runtime.apiUrl());
        HttpResponse<String> withAddresses = api.get("/releases/" + releaseId + "/deliveries/export",
                runtime.tokens().issue("lead", List.of("newsroom/publisher", "newsroom/contacts")));
        assertEquals(200, withAddresses.statusCode());
        assertTrue(withAddresses.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = withAddresses.body().lines().toList();
        assertEquals("kind,contactId,email,status,messageIds,reason,updatedAt", lines.get(0));
        assertEquals(5, lines.size(), withAddresses.body());
        assertTrue(withAddresses.body().contains("crime.desk@daily.example"));
        String without = api.get("/releases/" + releaseId + "/deliveries/export",
                runtime.tokens().issue("pub", List.of("newsroom/publisher"))).body();
        assertEquals(5, without.lines().count());
        assertTrue(!without.contains("daily.example") && !without.contains("weekly.example"),
                "no addresses without scope newsroom/contacts: " + without);
    }

    /** Compose, preview and schedule with the keyboard alone: Tab, typing, Enter and Space. */
    @Test
    @Order(4)
    void theFlowWorksWithTheKeyboardAlone() throws Exception {
        signIn("carol.editor", "newsroom/editor");
        tabTo(By.linkText("New release")).sendKeys(Keys.ENTER);
        heading("New release");
        tabTo(By.id("title")).sendKeys("Road closure on the A38 for resurfacing");
        new Actions(browser).sendKeys(Keys.TAB, "Resurfacing closes the A38 overnight from Monday.").perform();
        tabTo(By.id("category")).sendKeys("Road");
        tabTo(By.id("contact-name")).sendKeys("Press office");
        new Actions(browser).sendKeys(Keys.TAB, "0800 000 0000").perform();
        tabTo(By.id("body")).sendKeys("The road closes at 8pm each night.");
        tabTo(By.id("save")).sendKeys(Keys.ENTER);
        heading("Edit: Road closure on the A38 for resurfacing");
        String id = browser.getCurrentUrl().replaceAll(".*#/releases/", "");
        tabTo(By.id("show-preview")).sendKeys(Keys.ENTER);
        wait.until(d -> {
            d.switchTo().frame("preview");
            try {
                return d.findElements(By.tagName("h1")).stream().anyMatch(h -> h.getText().contains("A38"));
            } finally {
                d.switchTo().defaultContent();
            }
        });
        var local = clock.instant().atZone(LONDON).plusDays(2).withHour(9).truncatedTo(ChronoUnit.HOURS);
        Instant when = local.toInstant();
        WebElement embargoField = tabTo(By.id("embargo"));
        // Typed as a person types into Chromium's date-time control: its segments in the browser's
        // locale order (month first in en-US, day first in en-GB), Tab to the time, then AM.
        boolean monthFirst = ((String) ((JavascriptExecutor) browser).executeScript(
                "return new Intl.DateTimeFormat().resolvedOptions().locale")).equals("en-US");
        String day = String.format("%02d", local.getDayOfMonth());
        String month = String.format("%02d", local.getMonthValue());
        new Actions(browser).sendKeys(monthFirst ? month : day).sendKeys(monthFirst ? day : month)
                .sendKeys(Integer.toString(local.getYear())).sendKeys(Keys.TAB).sendKeys("09").sendKeys("00")
                .sendKeys(monthFirst ? "A" : "").perform();
        assertEquals(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(local), embargoField.getAttribute("value"),
                "typed into the date-time field");
        tabTo(By.id("save")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved"), "Saved at"));
        signOut();

        signIn("dan.publisher", "newsroom/publisher");
        browser.get(desk() + "#/releases/" + id);
        heading("Edit: Road closure on the A38 for resurfacing");
        WebElement schedule = tabTo(By.id("publish"));
        assertTrue(schedule.getText().startsWith("Schedule for"), schedule.getText());
        schedule.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .meta"), "Scheduled"));
        assertEquals(when, Instant.parse(json(new Api(runtime.apiUrl()).get("/releases/" + id,
                runtime.tokens().issue("t", List.of("newsroom/editor")))).path("embargoUntil").asText()),
                "the time typed is the UK time meant");
        signOut();
    }

    /**
     * Nothing typed is lost: a mistake is shown next to its field; an edit made meanwhile by
     * someone else offers to reload or keep the text (and keeping saves it); an ended session
     * keeps the text, which comes back after signing in again.
     */
    @Test
    @Order(5)
    void mistakesConflictsAndEndedSessionsLoseNoText() throws Exception {
        signIn("erin.editor", "newsroom/editor");
        waitFor(By.linkText("New release")).click();
        heading("New release");
        type("title", "Burglary in Mill Lane");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("category"))).selectByVisibleText("Crime Operations");
        type("contact-name", "Press office");
        type("contact-email", "press.office@example.police.uk");
        type("body", "A house was broken into overnight.");
        browser.findElement(By.id("save")).click();
        heading("Edit: Burglary in Mill Lane");
        String id = browser.getCurrentUrl().replaceAll(".*#/releases/", "");

        // A mistake: shown next to its field, and in a summary that links to it.
        type("contact-email", "not an address");
        browser.findElement(By.id("save")).click();
        WebElement error = waitFor(By.id("contact-email-error"));
        assertTrue(error.getText().startsWith("Error:"), error.getText());
        assertEquals("true", browser.findElement(By.id("contact-email")).getAttribute("aria-invalid"));
        type("contact-email", "press.office@example.police.uk");

        // Someone else changes it meanwhile: this screen still has version 2's ETag.
        Api api = new Api(runtime.apiUrl());
        String other = runtime.tokens().issue("frank.editor", List.of("newsroom/editor"));
        HttpResponse<String> current = api.get("/releases/" + id, other);
        assertEquals(200, api.put("/releases/" + id, other, Api.release("Burglary in Mill Lane: arrest made",
                "Crime Operations", null), Api.etag(current)).statusCode());
        type("body", "A house was broken into overnight. A man has been arrested.");
        WebElement conflict = waitFor(By.cssSelector(".banner.conflict"));
        assertTrue(conflict.getText().contains("Someone else changed this release"));
        Browser.assertAccessible(browser, "desk-conflict");
        Browser.screenshot(browser, "desk-conflict");
        waitFor(By.xpath("//button[normalize-space()='Keep my text']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved"), "Saved at"));
        assertEquals("A house was broken into overnight. A man has been arrested.",
                json(api.get("/releases/" + id, other)).path("body").asText(), "my text, saved over theirs");

        // The session ends: typing goes on, the text is kept, and comes back after signing in.
        ((JavascriptExecutor) browser).executeScript("sessionStorage.removeItem('newsroom.desk.session')");
        type("body", "Text typed after the session ended.");
        waitFor(By.id("session-ended"));
        signIn("erin.editor", "newsroom/editor");
        browser.get(desk() + "#/releases/" + id);
        heading("Edit: Burglary in Mill Lane");
        waitFor(By.xpath("//button[normalize-space()='Restore my text']")).click();
        assertEquals("Text typed after the session ended.", browser.findElement(By.id("body")).getAttribute("value"));
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved"), "Saved at"));
        assertEquals("Text typed after the session ended.", json(api.get("/releases/" + id, other)).path("body").asText());

        // The browser logs the 400 and the 412 this test provoked, and nothing else.
        for (String logged : Browser.consoleErrors(browser)) {
            assertTrue(logged.contains("status of 400") || logged.contains("status of 412"), logged);
        }
        browser.get(desk() + "#/releases/" + id + "/history");
        heading("History: Burglary in Mill Lane");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("diff"), "Text typed after the session ended."));
        check("desk-history");
        signOut();
    }

    /** A change to a published release waits in the approval queue; a second person reviews its diff and publishes it. */
    @Test
    @Order(6)
    void aProposedChangeIsApprovedFromTheQueue() throws Exception {
        Api api = new Api(runtime.apiUrl());
        String gail = runtime.tokens().issue("gail.publisher", List.of("newsroom/editor", "newsroom/publisher"));
        String hugo = runtime.tokens().issue("hugo.publisher", List.of("newsroom/publisher"));
        HttpResponse<String> draft = api.post("/releases", gail, Api.release("Missing man found safe", "Appeals", null));
        String id = json(draft).path("id").asText();
        HttpResponse<String> published = api.post("/releases/" + id + "/publish", hugo, null,
                Map.of("If-Match", Api.etag(draft)));
        assertEquals(200, published.statusCode(), published.body());
        HttpResponse<String> proposed = api.put("/releases/" + id, gail, Api.release("Missing man found safe and well",
                "Appeals", "\"changeNote\": \"He has been found.\", \"changeType\": \"minor\""), Api.etag(published));
        assertEquals(202, proposed.statusCode(), proposed.body());

        signIn("ivy.publisher", "newsroom/publisher");
        waitFor(By.linkText("Awaiting approval")).click();
        WebElement item = waitFor(By.linkText("Missing man found safe"));
        assertTrue(browser.findElement(By.cssSelector("main .list")).getText().contains("change proposed by gail.publisher"));
        item.click();
        heading("Edit: Missing man found safe");
        WebElement panel = waitFor(By.id("pending-heading")).findElement(By.xpath(".."));
        assertTrue(panel.getText().contains("Proposed by gail.publisher"), panel.getText());
        assertEquals("Added: Missing man found safe and well", panel.findElement(By.cssSelector(".diff ins")).getText()
                .replaceAll("\\s+", " ").trim(), "the diff says so to a screen reader too");
        check("desk-approve-change");
        waitFor(By.id("approve-change")).click();
        heading("Edit: Missing man found safe and well");
        assertEquals("Missing man found safe and well", json(api.get("/releases/" + id, gail)).path("title").asText());
        signOut();
    }

    /**
     * Legal care in the desk: an editor ticks the release's flags, the publisher is asked to
     * confirm the one that needs it before it goes out, and a week later the review is on the
     * "Reviews due" screen, where the publisher keeps it with a new date.
     */
    @Test
    @Order(8)
    void aFlaggedReleaseAsksForConfirmationAndItsReviewIsKeptFromTheList() throws Exception {
        Api api = new Api(runtime.apiUrl());
        String carol = runtime.tokens().issue("carol.editor", List.of("newsroom/editor"));
        String title = "Man sought over Riverside assault";
        HttpResponse<String> draft = api.post("/releases", carol, Api.release(title, "Appeals", null));
        String id = json(draft).path("id").asText();

        signIn("carol.editor", "newsroom/editor");
        browser.get(desk() + "#/releases/" + id);
        heading("Edit: " + title);
        waitFor(By.id("flag-names-suspect")).click();
        browser.findElement(By.id("flag-missing-person")).click();
        browser.findElement(By.id("save-flags")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flags-status"), "Flags saved."));
        check("desk-legal-flags");
        assertEquals(2, json(api.get("/releases/" + id + "/flags", carol)).path("flags").size());
        signOut();

        signIn("dan.publisher", "newsroom/publisher");
        browser.get(desk() + "#/releases/" + id);
        heading("Edit: " + title);
        waitFor(By.id("publish")).click();
        var dialog = wait.until(ExpectedConditions.alertIsPresent());
        assertTrue(dialog.getText().contains("names-suspect"), dialog.getText());
        dialog.accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .meta"), "Published"));
        assertTrue(api.get("/releases/" + id + "/access-record", runtime.tokens().issue("p", List.of("newsroom/publisher")))
                .body().contains("confirmed flags before publishing"));

        // Eight days on, the missing-person review (seven days) is due.
        clock.advance(Duration.ofDays(8));
        waitFor(By.linkText("Reviews due")).click();
        heading("Reviews due");
        WebElement table = waitFor(By.id("reviews"));
        assertTrue(table.getText().contains(title) && table.getText().contains("Missing person appeal"), table.getText());
        check("desk-reviews");
        String next = java.time.LocalDate.ofInstant(clock.instant(), LONDON).plusDays(14).toString();
        WebElement date = browser.findElement(By.id("keep-" + id + "-missing-person"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", date, next);
        browser.findElement(By.xpath("//button[normalize-space()='Keep until this date']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reviews-live"), "next review " + next));
        assertTrue(browser.findElements(By.id("reviews")).isEmpty()
                || !browser.findElement(By.id("reviews")).getText().contains("Missing person appeal"));
        signOut();
    }

    /** On a 360 px wide phone screen nothing needs sideways scrolling, and axe still passes. */
    @Test
    @Order(7)
    void itWorksOnAPhone() throws Exception {
        browser.manage().window().setSize(new Dimension(360, 800));
        try {
            signIn("alice.editor", "newsroom/editor", "newsroom/contacts");
            assertFitsTheScreen("releases");
            check("desk-phone-releases");
            browser.get(desk() + "#/releases/" + releaseId);
            heading("Withdrawn: " + TITLE);
            assertFitsTheScreen("a release");
            browser.get(desk() + "#/releases/new");
            heading("New release");
            assertFitsTheScreen("compose");
            check("desk-phone-compose");
            signOut();
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    private static void assertFitsTheScreen(String what) {
        long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth;");
        long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
        assertTrue(scrollWidth <= viewport, what + ": " + scrollWidth + " px wide on a " + viewport + " px screen");
    }

    private static WebElement active() {
        return browser.switchTo().activeElement();
    }

    /** Presses Tab until the element has the focus (as a keyboard user would), and returns it. */
    private static WebElement tabTo(By by) {
        WebElement target = waitFor(by);
        for (int i = 0; i < 200; i++) {
            if (active().equals(target)) {
                return target;
            }
            // To the page, not to the element: Tab on a file input is not a file name.
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + by);
    }
}
