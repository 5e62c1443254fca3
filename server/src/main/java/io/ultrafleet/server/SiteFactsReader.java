package io.ultrafleet.server;

import io.ultrafleet.scheduling.sites.PlacementFacts;

/**
 * Reads what the scheduler's site rules ({@code scheduler.placement}) are computed from beyond the scheduler section:
 * the sites' prices (the scenario's contracts) and carbon (its energy section). The server keeps free of the sections
 * that hold them; {@code ultrafleet serve} hands in a reader that uses the twin's.
 */
@FunctionalInterface
public interface SiteFactsReader {
    /**
     * @param scenarioSource what the scenario is called in messages
     * @param scenarioText the scenario as the database keeps it
     * @return the facts, numbered as the scenario's fleet layout numbers sites and models
     * @throws IllegalArgumentException with a message for the user when the scenario cannot be used
     */
    PlacementFacts read(String scenarioSource, String scenarioText);
}
