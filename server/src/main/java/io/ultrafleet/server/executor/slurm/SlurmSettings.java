package io.ultrafleet.server.executor.slurm;

import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.MappingReader;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.UniqueNames;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code executor} section of a serve file with {@code kind: slurm}: the Slurm clusters, one per site, and how
 * jobs are stopped and how long Slurm may take to start one ({@code docs/slurm-serve.md}).
 *
 * @param signal what a preempted or cancelled job is sent first, without {@code SIG} (default {@code USR1})
 * @param graceMs how long, in wall time, it may take to end after the signal before Slurm ends it
 * @param startTimeoutMs how long, in wall time, Slurm may keep a dispatched job pending before Ultrafleet cancels it
 *     there and places it again
 * @param pollMs how often each cluster is asked for its nodes and jobs
 */
public record SlurmSettings(List<Cluster> clusters, String signal, long graceMs, long startTimeoutMs, long pollMs) {

    /** One Slurm cluster: the site it is, where its slurmrestd answers and as whom, and where jobs go. */
    public record Cluster(
            String name,
            String site,
            URI url,
            List<String> apiVersions,
            String partition,
            String user,
            String token,
            int nodes) {
        @Override
        public String toString() {
            return name + " (" + url + ")";
        }
    }

    public static final List<String> KEYS =
            List.of("kind", "clusters", "signal", "gracePeriod", "startTimeout", "pollInterval");
    public static final List<String> CLUSTER_KEYS = List.of(
            "name", "site", "url", "apiVersions", "partition", "user", "token", "tokenExpires", "nodes", "slurmConf");
    private static final Set<String> SIGNALS =
            Set.of("USR1", "USR2", "TERM", "INT", "HUP", "QUIT", "CONT", "ALRM", "WINCH", "URG");

    /**
     * Reads the section at {@code f}; {@code sites} are the fleet's sites. Returns null for {@code kind: virtual}.
     *
     * @throws ScenarioException naming the field at the first problem
     */
    public static SlurmSettings read(FieldReader f, Set<String> sites) throws ScenarioException {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", KEYS), KEYS);
        String kind = m.required("kind", "slurm or virtual").oneOf("executor", List.of("slurm", "virtual"));
        if (kind.equals("virtual")) {
            return null;
        }
        List<Cluster> clusters = new ArrayList<>();
        UniqueNames names = new UniqueNames("cluster");
        UniqueNames sitesTaken = new UniqueNames("cluster site");
        for (FieldReader c : m.list("clusters", 1, "a list of Slurm clusters")) {
            MappingReader cm = c.mapping("a cluster mapping with " + String.join(", ", CLUSTER_KEYS), CLUSTER_KEYS);
            String name = cm.name("name");
            names.add(name, cm.required("name", FieldReader.NAME_SYNTAX));
            FieldReader siteField = cm.required("site", "a site of the fleet");
            String site = siteField.oneOf("site", sites);
            sitesTaken.add(site, siteField);
            FieldReader urlField = cm.required("url", "an http or https URL of slurmrestd");
            URI url;
            try {
                url = URI.create(urlField.text("an http or https URL of slurmrestd"));
            } catch (IllegalArgumentException e) {
                throw urlField.fail("an http or https URL of slurmrestd");
            }
            if (url.getScheme() == null
                    || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                    || url.getHost() == null) {
                throw urlField.fail("an http or https URL of slurmrestd");
            }
            if (url.getPort() == 0 || url.getPort() > 65_535) {
                throw urlField.fail("an http or https URL of slurmrestd with a port from 1 to 65535");
            }
            List<String> versions = new ArrayList<>();
            for (FieldReader v : cm.optionalList("apiVersions", "a list of REST versions such as v0.0.38")) {
                String version = v.text("a REST version such as v0.0.38");
                if (!version.matches("v0\\.0\\.[0-9]{2}")) {
                    throw v.fail("a REST version such as v0.0.38");
                }
                versions.add(version);
            }
            if (!versions.isEmpty() && versions.stream().noneMatch(SlurmRest.KNOWN::contains)) {
                throw cm.required("apiVersions", "a list of REST versions")
                        .fail(
                                String.join(", ", versions),
                                "at least one REST version Ultrafleet knows (" + String.join(", ", SlurmRest.KNOWN)
                                        + ")");
            }
            String partition = cm.has("partition") ? cm.name("partition") : null;
            String user = cm.required("user", "the user jobs run as").text("a user name");
            String token = cm.required("token", "a JWT for that user").text("a JWT for that user");
            int nodes = cm.intIn("nodes", 0, 1_000_000, 0);
            cm.optional("tokenExpires").ifPresent(t -> t.text("a time"));
            cm.optional("slurmConf").ifPresent(t -> t.text("a path"));
            clusters.add(new Cluster(name, site, url, versions, partition, user, token, nodes));
        }
        String signal = "USR1";
        if (m.has("signal")) {
            FieldReader s = m.required("signal", "a signal name");
            String given = s.text("a signal name").toUpperCase(java.util.Locale.ROOT);
            given = given.startsWith("SIG") ? given.substring(3) : given;
            if (!SIGNALS.contains(given)) {
                throw s.fail("one of " + String.join(", ", new java.util.TreeSet<>(SIGNALS)));
            }
            signal = given;
        }
        long grace = m.duration("gracePeriod", 0, 3_600_000L, 30_000L);
        long startTimeout = m.duration("startTimeout", 5_000L, 86_400_000L, Math.max(60_000L, grace + 30_000L));
        long poll = m.duration("pollInterval", 100L, 60_000L, 500L);
        return new SlurmSettings(clusters, signal, grace, startTimeout, poll);
    }
}
