package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Grafana dashboard of {@code docs/grafana/ultrafleet.json} names only metrics the server exports: every metric
 * of every panel's query is in a scrape of a running server's {@code /metrics}.
 */
@ExtendWith(SharedServer.class)
class GrafanaDashboardTest {
    static final Path DASHBOARD = Path.of("..", "docs", "grafana", "ultrafleet.json");
    static final Pattern METRIC = Pattern.compile("\\b((?:ultrafleet|jvm)_[a-z0-9_]+)");
    static final Pattern FUNCTIONS = Pattern.compile("^[a-z0-9_]+$");

    @Test
    void everyMetricItQueriesIsExported(LocalServer server) throws Exception {
        JsonNode doc = Http.JSON.readTree(Files.readString(DASHBOARD));
        Set<String> used = new TreeSet<>();
        int queries = 0;
        for (JsonNode panel : doc.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries++;
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        for (JsonNode v : doc.get("templating").get("list")) {
            if (v.has("definition")) {
                Matcher m = METRIC.matcher(v.get("definition").asText());
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(queries).isGreaterThan(10);
        // a job so that the per-queue series exist
        server.http()
                .post("/v1/jobs")
                .token(server.tokenFor("alpha"))
                .body(Http.job("alpha/train", 8, "1m", null))
                .send();
        // and a refused request, so that the refusals' counter exists
        assertThat(server.http().get("/v1/jobs").send().status()).isEqualTo(401);
        String scrape = server.http().get("/metrics").send().body();
        Set<String> exported = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String name = line.split("[{ ]", 2)[0];
                if (FUNCTIONS.matcher(name).matches()) {
                    exported.add(name);
                }
            }
        }
        assertThat(used)
                .isNotEmpty()
                .allSatisfy(name -> assertThat(exported)
                        .as("metric %s of the Grafana dashboard", name)
                        .contains(name));
    }
}
