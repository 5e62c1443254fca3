package io.ultrafleet.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.ScenarioException;
import java.io.StringReader;

/** Scenario text for the loader's tests, and helpers to load it. */
final class TestScenarios {
    /**
     * A small valid scenario. Tests change one piece of it with {@link #with}; the line numbers they assert are the
     * ones below (the text block starts at line 1).
     */
    static final String BASE = """
            apiVersion: ultrafleet/v1
            name: test
            start: 2026-01-01
            horizon: 2026-12-31
            fleet:
              providers:
                - name: aws
                  regions:
                    - name: us-east-1
                      sites:
                        - name: iad
                        - name: dfw
              deliveries:
                - {site: dfw, model: gb200-nvl72, racks: 8, start: 2026-01-01, end: 2026-02-01}
            tenants:
              - name: team
                queues:
                  - {name: default, priorityClass: research}
            training:
              generators:
                - name: gen
                  queue: team/default
                  arrivals: {perDay: 10}
                  gpus: 8
                  duration: 6h
              jobs:
                - name: job-1
                  queue: team/default
                  submit: 2026-02-01
                  gpus: 64
                  duration: 2d
            """;

    private TestScenarios() {}

    /** {@link #BASE} with {@code from}, which must occur exactly once, replaced by {@code to}. */
    static String with(String from, String to) {
        return with(BASE, from, to);
    }

    /** {@code text} with {@code from}, which must occur exactly once, replaced by {@code to}. */
    static String with(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("'%s' in the scenario text", from).isNotNegative();
        assertThat(text.indexOf(from, at + 1)).as("'%s' only once", from).isNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    static Scenario load(String yaml) {
        return new ScenarioLoader(HardwareCatalogue.builtIn()).load("test.yaml", new StringReader(yaml));
    }

    /** The error that loading {@code yaml} throws; fails the test if it loads. */
    static ScenarioException error(String yaml) {
        try {
            load(yaml);
        } catch (ScenarioException e) {
            return e;
        }
        throw new AssertionError("expected a ScenarioException for:\n" + yaml);
    }
}
