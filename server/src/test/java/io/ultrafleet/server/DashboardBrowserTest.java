package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard in Debian's Chromium against a real server on loopback, serving the default scenario with every
 * delivery in (2,778 racks): the admin sees every rack; a submitted job reaches an open table and map without a
 * reload; a tenant sees only its own jobs and queues; a drained rack shows as draining; a queued job's forecast shows
 * when the server has the route; and no request leaves the machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    /** After every delivery of the default scenario: its whole fleet is online. */
    static final String START = "2027-01-01";

    static final int DEFAULT_FLEET_RACKS = 2_778;

    /** How long a change may take to reach an open page before the test fails: generous for a loaded machine. */
    static final double WAIT_MS = 30_000;

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static LocalServer server;
    static Http http;
    static String base;
    static DashboardBrowser browser;
    static String research;
    static long queuedJob;
    final List<Page> pages = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = LocalServer.startBuiltIn("aws-openai-2025", START, 1);
        http = server.http();
        base = "http://127.0.0.1:" + server.server().port();
        research = server.tokenFor("research");
        browser = new DashboardBrowser();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                assertThat(browser.outside).as("requests that left the machine").isEmpty();
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @AfterEach
    void closePages() {
        for (Page p : pages) {
            p.context().close();
        }
        pages.clear();
        assertThat(browser.problems).as("console and page errors").isEmpty();
        assertThat(browser.outside).as("requests that left the machine").isEmpty();
    }

    private Page open(String token, String hash) {
        Page p = browser.open(base, token, hash);
        pages.add(p);
        return p;
    }

    private static JsonNode submit(String token, String queue, int gpus, String duration) {
        return submit(token, queue, gpus, duration, null);
    }

    private static JsonNode submit(String token, String queue, int gpus, String duration, String extra) {
        Http.Answer a = http.post("/v1/jobs")
                .token(token)
                .body(Http.job(queue, gpus, duration, extra))
                .send();
        assertThat(a.status()).as("%s", a).isEqualTo(201);
        return a.json();
    }

    private static JsonNode job(long id) {
        return http.get("/v1/jobs/" + id).token(LocalServer.ADMIN).send().json();
    }

    private static void shoot(Page p, String name) throws java.io.IOException {
        Files.createDirectories(SCREENSHOTS);
        p.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
    }

    @Test
    @Order(1)
    void theAdminSeesEveryRackOfTheDefaultFleet() throws Exception {
        Page p = open(LocalServer.ADMIN, "#/fleet");
        p.waitForFunction("() => document.querySelector('#fleet-map').dataset.racks !== undefined");
        int drawn = Integer.parseInt(p.getAttribute("#fleet-map", "data-racks"));
        JsonNode fleet = http.get("/v1/fleet").token(LocalServer.ADMIN).send().json();
        assertThat(fleet.get("racksOnline").asInt()).isEqualTo(DEFAULT_FLEET_RACKS);
        assertThat(drawn).isEqualTo(DEFAULT_FLEET_RACKS);
        assertThat(p.textContent("#fleet-summary")).contains("2,778", "racks online");
        assertThat(p.textContent("#map-legend")).contains("free (2,778)");
        // every site is a group of its own
        assertThat((Number) p.evaluate("() => window.ultrafleet.map.layout.headers.length"))
                .isEqualTo(3);
        // hovering a rack names it, its model and its state
        JsonNode cell = Http.JSON.valueToTree(p.evaluate("() => window.ultrafleet.map.rack(0)"));
        double dpr = ((Number) p.evaluate("() => window.devicePixelRatio")).doubleValue();
        var box = p.locator("#fleet-map").boundingBox();
        p.mouse()
                .move(
                        box.x + cell.get("x").asDouble() / dpr,
                        box.y + cell.get("y").asDouble() / dpr);
        p.waitForSelector("#map-tip:not([hidden])");
        assertThat(p.textContent("#map-tip")).contains("Rack 0", "gb200-nvl72", "free");
        // who leads: on the embedded database this server, always
        p.waitForFunction("() => document.body.dataset.role === 'leader'");
        assertThat(p.textContent("#leader")).startsWith("this server leads (epoch ");
    }

    @Test
    @Order(2)
    void aSubmittedJobReachesTheOpenTableAndMapWithoutAReload() throws Exception {
        Page table = open(LocalServer.ADMIN, "#/jobs");
        Page map = open(LocalServer.ADMIN, "#/fleet");
        map.waitForFunction("() => document.querySelector('#fleet-map').dataset.racks !== undefined");
        long t0 = System.nanoTime();
        JsonNode j = submit(research, "research/adhoc", 72, "3h");
        long id = j.get("id").asLong();
        table.waitForSelector("tr[data-job='" + id + "']", new Page.WaitForSelectorOptions().setTimeout(WAIT_MS));
        double tableMs = (System.nanoTime() - t0) / 1e6;
        int rack = -1;
        for (int i = 0; i < 300 && rack < 0; i++) {
            JsonNode now = job(id);
            if (now.get("state").asText().equals("running")) {
                rack = now.get("placement").get("racks").get(0).asInt();
            } else {
                Thread.sleep(20);
            }
        }
        assertThat(rack).as("the job started").isNotNegative();
        map.waitForFunction(
                "r => { const c = window.ultrafleet.map.rack(r); return c && c.state === 'used'"
                        + " && c.tenant === 'research' && c.jobs === 1; }",
                rack,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        double mapMs = (System.nanoTime() - t0) / 1e6;
        assertThat(table.textContent("tr[data-job='" + id + "']")).contains("research/adhoc", "72");
        System.out.printf(
                "dashboard update delay after a submission: table %.0f ms, map %.0f ms (goal about 2,000 ms)%n",
                tableMs, mapMs);
        // the job's row opens its page: placement and decisions
        table.click("tr[data-job='" + id + "']");
        table.waitForFunction("() => document.querySelector('#job-events').children.length >= 2");
        assertThat(table.textContent("#job-placement")).contains("racks " + rack);
        assertThat(table.textContent("#job-events")).contains("submitted to research/adhoc", "started on 72 GPUs");
    }

    @Test
    @Order(3)
    void aTenantSeesOnlyItsOwnJobsAndQueues() throws Exception {
        long theirs = submit(LocalServer.ADMIN, "frontier/pretrain", 144, "3h")
                .get("id")
                .asLong();
        long ours = submit(research, "research/adhoc", 144, "3h").get("id").asLong();
        Page p = open(research, "#/jobs");
        p.waitForSelector("tr[data-job='" + ours + "']", new Page.WaitForSelectorOptions().setTimeout(WAIT_MS));
        assertThat(p.textContent("#who")).isEqualTo("tenant research");
        @SuppressWarnings("unchecked")
        List<String> queues = (List<String>) p.evaluate(
                "() => [...document.querySelectorAll('#jobs-table tbody tr td:nth-child(3)')].map(t => t.textContent)");
        assertThat(queues).isNotEmpty().allSatisfy(q -> assertThat(q).startsWith("research/"));
        assertThat(p.querySelector("tr[data-job='" + theirs + "']")).isNull();
        shoot(p, "dashboard-jobs.png");
        p.navigate(base + "/#/queues");
        p.waitForSelector("#queues-table tbody tr");
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>)
                p.evaluate("() => [...document.querySelectorAll('#queues-table tbody tr')].map(r => r.dataset.queue)");
        assertThat(names).containsExactly("research/adhoc");
        p.navigate(base + "/#/fleet");
        p.waitForFunction("() => document.querySelector('#fleet-map').dataset.racks !== undefined");
        // the other tenant's gang shows once it runs and the live picture has it: the page updates itself
        p.waitForFunction(
                "() => document.querySelector('#map-legend').textContent.includes('other tenants')",
                null,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        @SuppressWarnings("unchecked")
        List<String> tenants = (List<String>) p.evaluate("() => window.ultrafleet.map.data.tenants");
        assertThat(tenants).containsExactly("research", "other tenants");
        assertThat(p.textContent("#map-legend"))
                .contains("research", "other tenants")
                .doesNotContain("frontier");
    }

    @Test
    @Order(4)
    void aDrainedRackShowsAsDraining() throws Exception {
        Page p = open(LocalServer.ADMIN, "#/fleet");
        p.waitForFunction("() => document.querySelector('#fleet-map').dataset.racks !== undefined");
        int rack = DEFAULT_FLEET_RACKS - 1;
        try {
            Http.Answer a = http.post("/v1/fleet/racks/" + rack + "/drain")
                    .token(LocalServer.ADMIN)
                    .send();
            assertThat(a.status()).as("%s", a).isEqualTo(200);
            p.waitForFunction(
                    "r => { const c = window.ultrafleet.map.rack(r); return c && c.state === 'draining'; }",
                    rack,
                    new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
            JsonNode cell = Http.JSON.valueToTree(p.evaluate("r => window.ultrafleet.map.rack(r)", rack));
            // the cell is drawn in the draining colour
            @SuppressWarnings("unchecked")
            List<Number> rgb = (List<Number>) p.evaluate(
                    "([x, y]) => Array.from(document.querySelector('#fleet-map').getContext('2d')"
                            + ".getImageData(x, y, 1, 1).data.slice(0, 3))",
                    List.of(cell.get("x").asInt(), cell.get("y").asInt()));
            assertThat(rgb.stream().map(Number::intValue).toList()).containsExactly(0xf2, 0x9e, 0x1f);
            assertThat(p.textContent("#map-legend")).contains("draining (1)");
            shoot(p, "dashboard-drain.png");
        } finally {
            http.post("/v1/fleet/racks/" + rack + "/undrain")
                    .token(LocalServer.ADMIN)
                    .send();
        }
    }

    @Test
    @Order(5)
    void theMapColoursEachTenantsRacks() throws Exception {
        String site = "\"topology\": {\"required\": \"site\"}";
        submit(LocalServer.ADMIN, "frontier/pretrain", 9_216, "3h", site);
        submit(LocalServer.ADMIN, "posttrain/rl", 4_608, "3h", site);
        submit(LocalServer.ADMIN, "serving/chat", 1_440, "3h", site);
        Page p = open(LocalServer.ADMIN, "#/fleet");
        int rack = DEFAULT_FLEET_RACKS - 1;
        try {
            http.post("/v1/fleet/racks/" + rack + "/drain")
                    .token(LocalServer.ADMIN)
                    .send();
            p.waitForFunction(
                    "() => ['frontier', 'posttrain', 'serving', 'research', 'draining'].every(t =>"
                            + " document.querySelector(`#map-legend [data-legend='${t}']`))",
                    null,
                    new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
            // 9,216 GPUs are 128 racks of 72, and the 144-GPU job of an earlier test holds 2 more
            assertThat(p.textContent("#map-legend [data-legend='frontier']")).isEqualTo("frontier (130)");
            assertThat(p.textContent("#map-legend [data-legend='posttrain']")).isEqualTo("posttrain (64)");
            assertThat(p.textContent("#map-legend [data-legend='serving']")).isEqualTo("serving (20)");
            shoot(p, "dashboard-fleet.png");
        } finally {
            http.post("/v1/fleet/racks/" + rack + "/undrain")
                    .token(LocalServer.ADMIN)
                    .send();
        }
    }

    @Test
    @Order(8)
    void theChartsDrawTheLastMinutes() throws Exception {
        Page p = open(LocalServer.ADMIN, "#/charts");
        p.waitForFunction(
                "() => { const c = echarts.getInstanceByDom(document.getElementById('chart-gpus'));"
                        + " const o = c && c.getOption(); return o && o.series.length >= 4"
                        + " && o.series[0].data.length >= 5; }",
                null,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) p.evaluate("() => echarts.getInstanceByDom("
                + "document.getElementById('chart-gpus')).getOption().series.map(s => s.name)");
        assertThat(names).contains("gb200-nvl72 allocated", "gb300-nvl72 free");
        // the span of the charts is the user's: a week asks the server for a week
        com.microsoft.playwright.Response week = p.waitForResponse(
                r -> r.url().contains("/v1/fleet/history?hours=168"),
                new Page.WaitForResponseOptions().setTimeout(WAIT_MS),
                () -> p.selectOption("#history-hours", "168"));
        assertThat(week.status()).isEqualTo(200);
        p.selectOption("#history-hours", "6");
        p.waitForFunction("() => document.getElementById('chart-forecast').dataset.state !== 'loading'");
        shoot(p, "dashboard-charts.png");
    }

    @Test
    @Order(7)
    void theForecastOfAQueuedJobIsShown() throws Exception {
        // research/adhoc may hold 20,000 GPUs (12,000 + 8,000 borrowed): a large run leaves too little for the next
        submit(research, "research/adhoc", 19_440, "3h", "\"topology\": {\"required\": \"site\"}");
        long queued = submit(research, "research/adhoc", 720, "1h").get("id").asLong();
        for (int i = 0; i < 200 && !job(queued).get("waitReason").asText().equals("quota"); i++) {
            Thread.sleep(20);
        }
        assertThat(job(queued).get("state").asText()).isEqualTo("queued");
        queuedJob = queued;
        Page p = open(research, "#/jobs/" + queued);
        // "pending" while the server computes it: the page asks again
        p.waitForFunction(
                "() => !['loading', 'pending'].includes(document.getElementById('job-forecast').dataset.state)",
                null,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        String state = p.getAttribute("#job-forecast", "data-state");
        assertThat(state).as("%s", p.textContent("#job-forecast")).isEqualTo("shown");
        assertThat(p.textContent("#job-forecast"))
                .contains("Expected start", "p10", "p50", "p90", "Starts within", "1 h: ", "of the twin");
        shoot(p, "dashboard-job.png");
        // the jobs table shows each live job's expected start or end beside it, from the same server's forecast
        p.navigate(base + "/#/jobs");
        p.waitForFunction(
                "id => { const c = document.querySelector(`tr[data-job='${id}'] td.expected`);"
                        + " return c !== null && c.textContent.startsWith('starts '); }",
                String.valueOf(queued),
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        assertThat(p.textContent("#jobs-forecast")).startsWith("expected: forecast from the state at ");
    }

    /** A job forecast as the forecast routes write it (its fields only; the times and numbers are made up). */
    static final String JOB_FORECAST = "{\"job\": 7, \"state\": \"queued\", \"snapshotAt\": \"2027-01-01T00:00:30Z\","
            + " \"tookMs\": 840, \"replications\": 16, \"horizon\": \"2027-01-31T00:00:30Z\", \"cached\": false,"
            + " \"start\": {\"p10\": \"2027-01-01T02:10:00Z\", \"p50\": \"2027-01-01T03:00:00Z\","
            + " \"p90\": \"2027-01-01T05:30:00Z\", \"withinHour\": 0.0, \"withinDay\": 1.0, \"withinWeek\": 1.0},"
            + " \"end\": null}";

    /** A running job's end as the forecast routes write it, its p90 after the horizon (null). */
    static final String JOB_END_FORECAST =
            "{\"job\": 7, \"state\": \"running\", \"snapshotAt\": \"2027-01-01T00:00:30Z\","
                    + " \"tookMs\": 120, \"replications\": 16, \"horizon\": \"2027-01-31T00:00:30Z\", \"cached\": true,"
                    + " \"start\": null, \"end\": {\"p10\": \"2027-01-01T02:00:00Z\", \"p50\": \"2027-01-01T04:00:00Z\","
                    + " \"p90\": null}}";

    /** Fleet bands as the forecast routes write them: times once, then p10/p50/p90 arrays per band. */
    static final String FLEET_FORECAST = "{\"snapshotAt\": \"2027-01-01T00:00:30Z\", \"tookMs\": 840, \"hours\": 24,"
            + " \"at\": [\"2027-01-01T01:00:00Z\", \"2027-01-01T02:00:00Z\", \"2027-01-01T03:00:00Z\"],"
            + " \"allocatedGpus\": {\"p10\": [30000, 31000, 29000], \"p50\": [35000, 36000, 34000],"
            + " \"p90\": [38000, 40000, 41000]},"
            + " \"queueLength\": {\"research/adhoc\": {\"p10\": [0, 0, 1], \"p50\": [1, 1, 2],"
            + " \"p90\": [2, 3, 4]}}}";

    /** Answers the page's requests to {@code pattern} with {@code json}, as a server would. */
    private static void answer(Page p, String pattern, String json) {
        p.route(
                pattern,
                r -> r.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                        .setStatus(200)
                        .setContentType("application/json")
                        .setBody(json)));
    }

    @Test
    @Order(9)
    void thePageReadsForecastsLaidOutAsTheForecastRoutesWriteThem() {
        // Here the test answers the forecast routes with made-up figures in their layout, so that every figure the
        // page shows can be checked; theForecastOfAQueuedJobIsShown shows a real server's answer.
        Page p = browser.blank();
        pages.add(p);
        answer(p, "**/v1/jobs/*/forecast", JOB_FORECAST);
        answer(p, "**/v1/forecast?*", FLEET_FORECAST);
        p.navigate(base + "/#/jobs/" + queuedJob);
        p.fill("#token", LocalServer.ADMIN);
        p.click("#sign-in-form button[type=submit]");
        p.waitForFunction(
                "() => document.getElementById('job-forecast').dataset.state === 'shown'",
                null,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        String text = p.textContent("#job-forecast");
        assertThat(text)
                .contains(
                        "Expected start",
                        "2027-01-01 02:10:00",
                        "2027-01-01 03:00:00",
                        "2027-01-01 05:30:00",
                        "1 h: 0 %",
                        "24 h: 100 %",
                        "7 d: 100 %",
                        "From the state at 2027-01-01 00:00:30: 16 runs of the twin up to 2027-01-31 00:00:30,"
                                + " computed in 0.8 s.");
        // a running job's end, one percentile beyond the horizon
        p.unroute("**/v1/jobs/*/forecast");
        answer(p, "**/v1/jobs/*/forecast", JOB_END_FORECAST);
        p.navigate(base + "/#/jobs");
        p.navigate(base + "/#/jobs/" + queuedJob);
        p.waitForFunction(
                "() => document.getElementById('job-forecast').dataset.state === 'shown'"
                        + " && document.getElementById('job-forecast').textContent.includes('Expected end')",
                null,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        assertThat(p.textContent("#job-forecast"))
                .contains("Expected end", "2027-01-01 04:00:00", "after 2027-01-31 00:00:30", "(kept: the state")
                .doesNotContain("Starts within");
        p.navigate(base + "/#/charts");
        p.waitForFunction(
                "() => document.getElementById('chart-forecast').dataset.state === 'shown'",
                null,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        @SuppressWarnings("unchecked")
        List<String> series = (List<String>) p.evaluate("() => echarts.getInstanceByDom("
                + "document.getElementById('chart-forecast')).getOption().series.map(s => s.name)");
        assertThat(series).contains("GPUs allocated", "research/adhoc queued");
        Number first = (Number) p.evaluate("() => echarts.getInstanceByDom(document.getElementById("
                + "'chart-forecast')).getOption().series.find(s => s.name === 'GPUs allocated').data[0][0]");
        assertThat(first.longValue())
                .isEqualTo(java.time.Instant.parse("2027-01-01T01:00:00Z").toEpochMilli());
    }

    @Test
    @Order(10)
    void theRequestGuardCatchesARequestToElsewhere() {
        // the guard behind "no request leaves the machine" is not vacuous: a request elsewhere is caught and refused
        Page p = browser.blank();
        pages.add(p);
        p.evaluate("() => fetch('http://192.0.2.1/probe').catch(() => null)");
        assertThat(browser.outside).containsExactly("http://192.0.2.1/probe");
        browser.outside.clear();
        browser.problems.removeIf(m -> m.contains("ERR_FAILED"));
    }
}
