package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Holds;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.scheduling.preemption.Preemption;
import io.ultrafleet.scheduling.preemption.PreemptionSearch;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass of the scheduler over the pending queue. Passive: no clock but the {@code now} it is given, no threads, no
 * I/O. It decides job by job and applies each decision to the {@link ClusterState} at once, so that the next decision
 * sees it, then returns them all as data ({@link Decision}) for the driver to do its side: the twin schedules ends and
 * counts, a live server commits them and tells its executors. A shrink or preemption made for a job is kept only when
 * the job then gets its room; otherwise it is rolled back and not reported.
 *
 * <p>Rules, in order: jobs are examined by priority, then age (at most {@code queueDepth} per cycle, as in a batch
 * scheduler's queue depth); a job over its queue's quota waits; a gang that could fit the fleet but finds too few
 * wholly free racks holds the racks it would use ({@link Holds}) from every job after it in this cycle, so that
 * smaller work cannot starve it, except for jobs expected to end before the gang's reserved start (backfill, with the
 * reservations of the last {@link io.ultrafleet.scheduling.backfill.ReservationPass}); anything else starts where the
 * placer finds room.
 */
public final class SchedulingCycle {
    /** After a failed preemption search a job waits this long before the next, doubling up to the maximum. */
    static final long PREEMPTION_BACKOFF_MIN_MS = 60_000L;

    static final long PREEMPTION_BACKOFF_MAX_MS = 3_600_000L;

    private final int queueDepth;
    private final PreemptionSearch preemption;
    /** The last cycle's holds: a gang asking again as it did there, with the fleet unchanged, holds the same racks. */
    private Holds lastHolds;
    /** The holds of the cycle before, emptied and used again by the next cycle. */
    private Holds spareHolds;

    /** A cycle without preemption. */
    public SchedulingCycle(int queueDepth) {
        this(queueDepth, null);
    }

    /** A cycle that preempts lower priority classes with {@code preemption}, or never when it is null. */
    public SchedulingCycle(int queueDepth, PreemptionSearch preemption) {
        if (queueDepth < 1) {
            throw new IllegalArgumentException("queueDepth must be >= 1");
        }
        this.queueDepth = queueDepth;
        this.preemption = preemption;
    }

    /**
     * Runs one cycle at {@code now} over {@code pending}, with the reservations of the last backfill pass, and returns
     * what it decided (already applied to {@code cluster} and to the queue).
     */
    public CycleResult run(long now, ClusterState cluster, PendingQueue pending, Reservations reservations) {
        FleetView fleet = cluster.fleet();
        QueueBook queues = cluster.queues();
        List<Decision> decisions = new ArrayList<>();
        // 1. Nothing to do without pending work, or without free capacity when no job may preempt.
        if (pending.isEmpty() || (!anyFree(fleet) && !mayPreempt(cluster, pending.first()))) {
            if (pending.isEmpty() && anyFree(fleet)) {
                CycleElastic.grow(now, cluster, new Holds(fleet, now), Integer.MIN_VALUE, decisions);
            }
            return CycleResult.idle(decisions);
        }
        // 2. Decide job by job, in rank order. Each start is applied at once to the cluster; started jobs leave the
        //    queue after the walk, so the queue is not changed under its iterator.
        Holds holds = spareHolds != null && spareHolds.isOver(fleet)
                ? spareHolds.reuse(now, lastHolds)
                : new Holds(fleet, now, lastHolds);
        spareHolds = lastHolds;
        lastHolds = holds;
        int examined = 0;
        int[] passedOver = CycleResult.none();
        List<Job> started = new ArrayList<>();
        List<Job> preempted = new ArrayList<>();
        List<Job> waiting = new ArrayList<>();
        int highestWaiting = Integer.MIN_VALUE;
        // Per priority, the smallest job for which no preemption was found: larger ones of that priority skip it.
        Map<Integer, Integer> preemptionFailedAt = new HashMap<>();
        // Per queue and allowed models, the smallest job its quota refused: larger ones are refused without asking.
        Map<QuotaKey, Integer> quotaBlockedAt = new HashMap<>();
        // Per queue, models and topology, the smallest job of at most one rack that found no room (and no preemption):
        // larger ones ending no sooner would not find room either, so they wait for the same reason without a search.
        // (A rack-sized job that found no room saw no wholly free rack, so the holds it would place are none.)
        Map<CapacityKey, Blocked> capacityBlockedAt = new HashMap<>();
        // Per queue, shape and priority, a job whose victims were too costly: a job of that shape ending no sooner
        // sees no more room and, gaining no more, would be refused too (the victims cost no less later in a cycle).
        Map<DeclineKey, Declined> declined = new HashMap<>();
        long fleetGpus = cluster.fleet().onlineGpus();
        PendingQueue.FairWalk it = pending.fairOrder(shares(queues, fleetGpus));
        while (it.hasNext() && examined < queueDepth) {
            Job job = it.next();
            examined++;
            CapacityKey capacityKey = atMostOneRack(fleet, job)
                    ? new CapacityKey(job.queue(), job.modelMask(), job.required(), job.preferred())
                    : null;
            Blocked blocked = capacityKey == null ? null : capacityBlockedAt.get(capacityKey);
            if (blocked != null && blocked.covers(job, now, fleet.wholeFreeVersion())) {
                waits(job, blocked.reason(), blocked.detail(), decisions);
                waiting.add(job);
                highestWaiting = Math.max(highestWaiting, job.priority());
                continue;
            }
            QuotaKey key = new QuotaKey(job.queue(), job.modelMask());
            Integer blockedAt = quotaBlockedAt.get(key);
            FlavorFilter filter =
                    blockedAt != null && job.gpus() >= blockedAt ? null : QuotaFilters.quotaFilter(fleet, queues, job);
            if (filter == null) {
                quotaBlockedAt.merge(key, job.gpus(), Math::min);
                waits(job, WaitReason.QUOTA, QuotaFilters.capDetail(fleet, queues, job), decisions);
                waiting.add(job);
                if (QuotaFilters.quotaUsedUp(fleet, queues, job.queue())) {
                    // Nothing of this queue can start in this cycle: its later jobs are not examined one by one.
                    it.skipRest(job.queue());
                    passedOver = java.util.Arrays.copyOf(passedOver, passedOver.length + 1);
                    passedOver[passedOver.length - 1] = job.queue();
                }
                continue;
            }
            filter = queues.siteRules().reserve(fleet, job, filter);
            if (filter == null) {
                waits(job, WaitReason.RESERVED, null, decisions);
                waiting.add(job);
                continue;
            }
            Holds view = holds.forJobEnding(job.expectedEndIfStartedAt(now));
            // A gang that found no room in the whole fleet finds none in the view while no rack was freed since.
            Placer.Result r = Placer.knownMiss(fleet, job)
                    ? new Placer.Result(null, WaitReason.NO_CAPACITY)
                    : Placer.place(view, job, filter);
            if (!r.placed() && r.reason() == WaitReason.NO_CAPACITY) {
                r = CycleElastic.elasticFor(now, cluster, view, job, filter, decisions, r);
            }
            boolean preemptionRuledOut = !mayPreempt(cluster, job);
            if (!r.placed() && r.reason() == WaitReason.NO_CAPACITY && !preemptionRuledOut) {
                Integer failedAt = preemptionFailedAt.get(job.priority());
                preemptionRuledOut = failedAt != null && job.gpus() >= failedAt;
                if (!preemptionRuledOut && job.memo().mayTryPreemptionAt(now)) {
                    DeclineKey dk = new DeclineKey(
                            job.queue(),
                            job.priority(),
                            job.gpus(),
                            job.modelMask(),
                            job.required(),
                            job.preferred(),
                            lastingForReserve(queues, job));
                    long end = job.expectedEndIfStartedAt(now);
                    double gain = preemption.policy().gain(job, now);
                    Declined seen = declined.get(dk);
                    if (seen == null || !seen.covers(end, gain)) {
                        long declinedBefore = preemption.declined();
                        r = preemptFor(now, cluster, view, job, filter, decisions, preempted, r);
                        if (!r.placed() && preemption.declined() == declinedBefore) {
                            // No victims at all: a larger job of this priority finds none either. (Victims found but
                            // too costly say nothing of a larger job, which gains more.)
                            preemptionFailedAt.put(job.priority(), job.gpus());
                        } else if (!r.placed()) {
                            declined.put(dk, new Declined(end, gain));
                        }
                    }
                    if (!r.placed()) {
                        job.memo().preemptionFailed(now, PREEMPTION_BACKOFF_MIN_MS, PREEMPTION_BACKOFF_MAX_MS);
                        preemptionRuledOut = true;
                    }
                }
            }
            if (r.placed()) {
                cluster.start(job, r.placement(), now);
                decisions.add(new Decision.Start(job, r.placement(), job.allocationVersion()));
                started.add(job);
                if (!anyFree(fleet) && !mayPreempt(cluster, job)) {
                    break;
                }
                continue;
            }
            if (r.reason() == WaitReason.NO_CAPACITY) {
                boolean heldBack = holds.any() && Placer.fits(fleet, job, filter);
                if (heldBack) {
                    waits(job, WaitReason.HELD_FOR_GANG, view.firstHolderName(), decisions);
                } else {
                    waits(job, WaitReason.NO_CAPACITY, null, decisions);
                }
                holds.holdFor(job, reservations.of(job));
                if (capacityKey != null && preemptionRuledOut && !job.isElastic()) {
                    capacityBlockedAt.merge(
                            capacityKey,
                            new Blocked(
                                    job.gpus(),
                                    job.expectedEndIfStartedAt(now),
                                    noWholeFreeRack(fleet, job) ? fleet.wholeFreeVersion() : -1,
                                    job.waitReason(),
                                    job.waitDetail()),
                            (a, b) -> a.gpus() != b.gpus()
                                    ? (a.gpus() < b.gpus() ? a : b)
                                    : (b.anyEndVersion() >= 0 ? b : a));
                }
            } else {
                waits(job, r.reason(), null, decisions);
            }
            waiting.add(job);
            if (r.reason() == WaitReason.NO_CAPACITY || job.waitReason() == WaitReason.HELD_FOR_GANG) {
                highestWaiting = Math.max(highestWaiting, job.priority());
            }
        }
        // 3. Elastic jobs grow into what is left, unless a job of their rank or higher waits for capacity.
        CycleElastic.grow(now, cluster, holds.forJobEnding(Long.MAX_VALUE), highestWaiting, decisions);
        // 4. Started jobs leave the queue; preempted ones join it again, at their old rank.
        for (Job j : started) {
            pending.remove(j);
        }
        for (Job j : preempted) {
            pending.add(j);
        }
        int[] waits = new int[WaitReason.values().length];
        for (Job j : waiting) {
            waits[j.waitReason().ordinal()]++;
        }
        return new CycleResult(examined, started.size(), preempted.size(), waits, passedOver, decisions);
    }

    /** Records why {@code job} waits, and reports it when that is not what it waited for before. */
    private static void waits(Job job, WaitReason reason, String detail, List<Decision> decisions) {
        if (job.waitReason() != reason || !java.util.Objects.equals(job.waitDetail(), detail)) {
            decisions.add(new Decision.Wait(job, reason, detail));
        }
        job.waitingBecause(reason, detail);
    }

    /**
     * Each queue's dominant share, computed again only after the queue was charged or refunded: the fair-sharing walk
     * asks for every queue's share at every step.
     */
    private static java.util.function.IntToDoubleFunction shares(QueueBook queues, long fleetGpus) {
        double[] share = new double[queues.size()];
        long[] seenVersion = new long[queues.size()];
        java.util.Arrays.fill(seenVersion, -1);
        return q -> {
            long v = queues.usageVersion(q);
            if (seenVersion[q] != v) {
                seenVersion[q] = v;
                share[q] = queues.dominantShare(q, fleetGpus);
            }
            return share[q];
        };
    }

    /** Jobs of one queue allowed on the same models meet the same quotas. */
    private record QuotaKey(int queue, long modelMask) {}

    private record CapacityKey(int queue, long modelMask, TopologyLevel required, TopologyLevel preferred) {}

    /** Jobs of one queue and shape meet the same places, but for the serving reserve, which limits lasting work only. */
    private record DeclineKey(
            int queue,
            int priority,
            int gpus,
            long modelMask,
            TopologyLevel required,
            TopologyLevel preferred,
            boolean lasting) {}

    private static boolean lastingForReserve(QueueBook queues, Job job) {
        return queues.siteRules().reserve() != null
                && queues.siteRules().reserve().limits(job);
    }

    /** A job whose preemption was refused as too costly: its expected end and what its start was worth. */
    private record Declined(long end, double gain) {
        /** Whether a job of the same shape ending at {@code end} and worth {@code gain} would be refused too. */
        boolean covers(long otherEnd, double otherGain) {
            return otherEnd >= end && otherGain <= gain;
        }
    }

    /** A job of at most one rack that found no room and could not preempt: what it waited for. */
    private record Blocked(int gpus, long expectedEnd, long anyEndVersion, WaitReason reason, String detail) {
        /**
         * Whether {@code job} (same key) is at least as large and would hold the racks at least as long; or at least as
         * large alone, when no rack of its models was wholly free (then no hold could be lifted for it, since holds
         * hold only wholly free racks) and none has come free since ({@code fleetVersion}, the fleet's wholly free
         * version, is still {@code anyEndVersion}).
         */
        boolean covers(Job job, long now, long fleetVersion) {
            if (job.isElastic() || job.gpus() < gpus) {
                return false;
            }
            return (anyEndVersion >= 0 && anyEndVersion == fleetVersion)
                    || job.expectedEndIfStartedAt(now) >= expectedEnd;
        }
    }

    /** True when no model the job allows has a wholly free rack anywhere. Cost: O(models). */
    private static boolean noWholeFreeRack(FleetView fleet, Job job) {
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (job.allowsModel(m) && fleet.blocksWithWholeFree(m) > 0) {
                return false;
            }
        }
        return true;
    }

    /** True when the job needs at most one rack on every model it allows: trays of one rack, or one whole rack. */
    private static boolean atMostOneRack(FleetView fleet, Job job) {
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (job.allowsModel(m) && job.gpus() > fleet.model(m).gpusPerDomain()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops the cheapest set of lower-priority jobs that lets {@code job} fit, and places it; else {@code failed},
     * with every job left running as it was.
     */
    private Placer.Result preemptFor(
            long now,
            ClusterState cluster,
            Holds view,
            Job job,
            FlavorFilter filter,
            List<Decision> decisions,
            List<Job> preempted,
            Placer.Result failed) {
        Preemption p = preemption.find(now, view, cluster.occupancy(), job, filter);
        if (p == null) {
            return failed;
        }
        int mark = cluster.mark();
        List<Decision> stops = new ArrayList<>(p.victims().size());
        for (Job victim : p.victims()) {
            Decision.Size held = Decision.Size.of(victim);
            long lost = cluster.preempt(victim, now);
            stops.add(new Decision.Preempt(victim, job, lost, held));
        }
        Placer.Result r = Placer.place(view, job, filter);
        if (!r.placed()) {
            // Racks freed for this job may be held for a waiting gang ranked before it; the job the victims were
            // stopped for takes them.
            r = Placer.place(cluster.fleet(), job, filter);
        }
        if (!r.placed()) {
            cluster.rollback(mark); // the search promised room it did not make: nobody is stopped
            return failed;
        }
        cluster.keep(mark);
        decisions.addAll(stops);
        preempted.addAll(p.victims());
        return r;
    }

    /** True when {@code job} outranks some running job's priority class, so preemption might make room for it. */
    private boolean mayPreempt(ClusterState cluster, Job job) {
        return preemption != null && job.priority() > cluster.lowestRunningPriority();
    }

    private static boolean anyFree(FleetView fleet) {
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (fleet.freeUnits(m) > 0) {
                return true;
            }
        }
        return false;
    }
}
