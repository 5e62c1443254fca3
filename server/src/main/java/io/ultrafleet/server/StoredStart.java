package io.ultrafleet.server;

import io.ultrafleet.server.clock.ServerClock;
import io.ultrafleet.server.forecast.JobHistory;
import io.ultrafleet.server.live.QueueSettings;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.server.store.Queues;
import io.ultrafleet.server.store.Settings;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.spec.Times;

/**
 * What a server stores in its database on its first start and reads back at every start: the scenario it was started
 * from, its clock's anchor, since when the database holds every job, and the server's own name.
 */
final class StoredStart {
    static final String SCENARIO_TEXT = "scenario.text";
    static final String SCENARIO_SOURCE = "scenario.source";
    static final String CLOCK_ANCHOR = "clock.anchor";
    static final String CLOCK_LAST = "clock.last";

    private StoredStart() {}

    /** Stores the scenario, its queues and the clock's start: the database is the truth from now on. */
    static void firstStart(Database db, ServerOptions o, ScenarioSpec spec, long wallNow) {
        long startAt = startTime(o.start(), spec, wallNow);
        db.inTransaction(h -> {
            Settings.put(h, SCENARIO_SOURCE, o.scenarioSource());
            Settings.put(h, SCENARIO_TEXT, o.scenarioText());
            Settings.put(h, CLOCK_ANCHOR, startAt + " " + wallNow + " " + o.timeScale());
            Settings.put(h, CLOCK_LAST, Long.toString(startAt));
            for (QueueRow row : QueueSettings.rows(spec)) {
                Queues.ensureTenant(h, row.tenant(), startAt);
                Queues.put(h, row);
            }
            return null;
        });
    }

    static long startTime(String start, ScenarioSpec spec, long wallNow) {
        if (start == null) {
            return 0;
        }
        long at;
        if (start.equals("now")) {
            at = wallNow;
        } else {
            try {
                at = Times.parse(start);
            } catch (IllegalArgumentException e) {
                throw new StartupException("--start: found '" + start + "', allowed now or " + Times.SYNTAX);
            }
        }
        if (at < spec.startMs()) {
            throw new StartupException("--start: found " + Times.format(at) + ", allowed a time from the scenario's"
                    + " start (" + Times.format(spec.startMs()) + ")");
        }
        return at - spec.startMs();
    }

    /**
     * The clock, carried on from where it was: the time it reached at its old scale up to now, never before the
     * latest time it gave out; from here it runs at {@code scale}.
     */
    static ServerClock clock(Database db, double scale, long wallNow) {
        String[] anchor =
                db.withHandle(h -> Settings.get(h, CLOCK_ANCHOR)).orElseThrow().split(" ");
        long anchorMs = Long.parseLong(anchor[0]);
        long anchorWall = Long.parseLong(anchor[1]);
        double oldScale = Double.parseDouble(anchor[2]);
        long last = db.withHandle(h -> Settings.get(h, CLOCK_LAST))
                .map(Long::parseLong)
                .orElse(anchorMs);
        long reached = Math.max(last, anchorMs + (long) Math.floor(Math.max(0, wallNow - anchorWall) * oldScale));
        db.inTransaction(h -> {
            Settings.put(h, CLOCK_ANCHOR, reached + " " + wallNow + " " + scale);
            return null;
        });
        return new ServerClock(System::currentTimeMillis, reached, wallNow, scale, reached);
    }

    /** Records from when the database has every job, for the forecasts' arrival rates; once. */
    static void historySince(Database db, long now) {
        db.inTransaction(h -> {
            if (Settings.get(h, JobHistory.SINCE).isEmpty()) {
                Long first = h.createQuery("SELECT MIN(submitted_at) FROM jobs")
                        .mapTo(Long.class)
                        .findOne()
                        .orElse(null);
                Settings.put(h, JobHistory.SINCE, Long.toString(first == null ? now : Math.min(first, now)));
            }
            return null;
        });
    }

    /** This server's own name, made on its first start and kept in its database: the Slurm jobs it submits carry it. */
    static String instance(Database db) {
        return db.inTransaction(h -> {
            var known = Settings.get(h, "server.instance");
            if (known.isPresent()) {
                return known.get();
            }
            String made = Long.toHexString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE);
            Settings.put(h, "server.instance", made);
            return made;
        });
    }
}
