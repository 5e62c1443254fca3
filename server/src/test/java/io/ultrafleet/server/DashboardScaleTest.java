package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fleet map at 20,000 racks (the default scenario with every delivery 7.2 times larger): every rack is drawn,
 * hovering still finds the rack under the pointer, and drawing stays quick. Prints what it measured.
 */
class DashboardScaleTest {
    static final Pattern RACKS = Pattern.compile("racks: (\\d+), start");

    @Test
    void theMapStaysUsableAtTwentyThousandRacks() {
        String text =
                io.ultrafleet.spec.BuiltInScenarios.yaml("aws-openai-2025").orElseThrow();
        Matcher m = RACKS.matcher(text);
        StringBuilder scaled = new StringBuilder();
        int total = 0;
        while (m.find()) {
            int n = (int) Math.round(Integer.parseInt(m.group(1)) * 7.2);
            total += n;
            m.appendReplacement(scaled, "racks: " + n + ", start");
        }
        m.appendTail(scaled);
        assertThat(total).isBetween(19_900, 20_100);
        try (LocalServer server = LocalServer.startText("scaled", scaled.toString(), "2027-01-01", 1);
                DashboardBrowser browser = new DashboardBrowser()) {
            JsonNode fleet = server.http()
                    .get("/v1/fleet")
                    .token(LocalServer.ADMIN)
                    .send()
                    .json();
            assertThat(fleet.get("racksOnline").asInt()).isEqualTo(total);
            Http.Answer map =
                    server.http().get("/v1/fleet/map").token(LocalServer.ADMIN).send();
            Page p = browser.open("http://127.0.0.1:" + server.server().port(), LocalServer.ADMIN, "#/fleet");
            try {
                p.waitForFunction("() => document.querySelector('#fleet-map').dataset.racks !== undefined");
                assertThat(Integer.parseInt(p.getAttribute("#fleet-map", "data-racks")))
                        .isEqualTo(total);
                double drawMs = ((Number) p.evaluate("() => { const t = performance.now();"
                                + " for (let i = 0; i < 5; i++) window.ultrafleet.map.draw();"
                                + " return (performance.now() - t) / 5; }"))
                        .doubleValue();
                int cell = Integer.parseInt(p.getAttribute("#fleet-map", "data-cell"));
                double height = p.locator("#fleet-map").boundingBox().height;
                // the last rack is found under the pointer
                int last = total - 1;
                JsonNode c = Http.JSON.valueToTree(p.evaluate("r => window.ultrafleet.map.rack(r)", last));
                var box = p.locator("#fleet-map").boundingBox();
                p.mouse().move(box.x + c.get("x").asDouble(), box.y + c.get("y").asDouble());
                p.waitForSelector("#map-tip:not([hidden])");
                assertThat(p.textContent("#map-tip")).contains("Rack " + last);
                System.out.printf(
                        "fleet map of %,d racks: answer %,d bytes, a cell %d px, canvas %.0f px high,"
                                + " drawn in %.1f ms%n",
                        total, map.body().length(), cell, height, drawMs);
                assertThat(cell).isGreaterThanOrEqualTo(2);
                assertThat(browser.problems).isEmpty();
                assertThat(browser.outside).isEmpty();
            } finally {
                p.context().close();
            }
        }
    }
}
