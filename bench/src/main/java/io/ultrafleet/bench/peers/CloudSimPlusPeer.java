package io.ultrafleet.bench.peers;

import ch.qos.logback.classic.Level;
import io.ultrafleet.bench.run.ResultLine;
import io.ultrafleet.bench.run.RunMeter;
import java.util.ArrayList;
import java.util.List;
import org.cloudsimplus.allocationpolicies.VmAllocationPolicyFirstFit;
import org.cloudsimplus.brokers.DatacenterBroker;
import org.cloudsimplus.brokers.DatacenterBrokerSimple;
import org.cloudsimplus.cloudlets.Cloudlet;
import org.cloudsimplus.cloudlets.CloudletSimple;
import org.cloudsimplus.core.CloudSimEntity;
import org.cloudsimplus.core.CloudSimPlus;
import org.cloudsimplus.core.events.SimEvent;
import org.cloudsimplus.datacenters.DatacenterSimple;
import org.cloudsimplus.hosts.Host;
import org.cloudsimplus.hosts.HostSimple;
import org.cloudsimplus.resources.Pe;
import org.cloudsimplus.resources.PeSimple;
import org.cloudsimplus.util.Log;
import org.cloudsimplus.vms.Vm;
import org.cloudsimplus.vms.VmSimple;

/**
 * CloudSim Plus's side of {@code ultrafleet bench peers}, run in its own JVM: the {@link PeerWorkload} as CloudSim
 * Plus models it, with its own classes used as its documentation shows.
 *
 * <ul>
 *   <li>one datacenter of {@code HOSTS} hosts of 8 processing elements (PEs, one per GPU) of 1,000 MIPS, with memory,
 *       bandwidth and storage far above what the VMs ask, so that only PEs limit placement;
 *   <li>placement: {@code VmAllocationPolicyFirstFit} (the first host with room, searching on from the last host
 *       used);
 *   <li>each job is one VM of its GPUs as PEs running one cloudlet of as many PEs, whose length (MI per PE at 1,000
 *       MIPS) is its run time; the VM is submitted at the job's arrival, the cloudlet bound to it, and the broker
 *       destroys the VM once its cloudlet has finished (destruction delay 1 s, the shortest the broker accepts above
 *       its 0.1 s minimum time between events, rounded up to a whole second);
 *   <li>arrivals: the VMs and cloudlets are submitted before the simulation starts when they arrive at time 0, and a small
 *       entity submits each later arrival step's at its time. Submitting all
 *       100,000 VMs at the start with submission delays instead makes the broker scan its whole waiting list on every
 *       VM creation (quadratic); arrivals as the simulation runs are how CloudSim Plus's dynamic examples do it.
 * </ul>
 *
 * Logging is off. Usage: {@code CloudSimPlusPeer HOSTS SEED}. Prints one {@link ResultLine}.
 */
public final class CloudSimPlusPeer {
    static final double MIPS = 1_000;
    private static final long HOST_RAM_MB = 1_048_576;
    private static final long HOST_BW_MBPS = 1_000_000;
    private static final long HOST_STORAGE_MB = 10_000_000;
    private static final long VM_RAM_MB = 1_024;
    private static final long VM_BW_MBPS = 100;
    private static final long VM_SIZE_MB = 1_000;
    private static final double VM_DESTRUCTION_DELAY_S = 1.0;

    private CloudSimPlusPeer() {}

    public static void main(String[] args) {
        int hosts = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        Log.setLevel(Level.OFF);
        PeerWorkload w = PeerWorkload.generate(hosts, seed);
        try (RunMeter meter = RunMeter.start()) {
            CloudSimPlus sim = new CloudSimPlus();
            long[] events = new long[1];
            sim.addOnEventProcessingListener(e -> events[0]++);
            new DatacenterSimple(sim, hosts(hosts), new VmAllocationPolicyFirstFit());
            DatacenterBroker broker = new DatacenterBrokerSimple(sim);
            broker.setVmDestructionDelay(VM_DESTRUCTION_DELAY_S);
            new Arrivals(sim, broker, w).submitFirst();
            sim.start();
            meter.stop();
            List<Cloudlet> done = broker.getCloudletFinishedList();
            long workPeSeconds = 0;
            double makespan = 0;
            double waitS = 0;
            for (Cloudlet c : done) {
                workPeSeconds += Math.round(c.getFinishedLengthSoFar() / MIPS) * c.getPesNumber();
                makespan = Math.max(makespan, c.getFinishTime());
                waitS += c.getStartTime() - arrivalOf(w, c);
            }
            System.out.println(new ResultLine()
                    .put("engine", "cloudsimplus")
                    .put("hosts", hosts)
                    .put("jobs", w.jobs())
                    .put("work_expected_gpu_min", w.workPeMinutes())
                    .put("jobs_completed", done.size())
                    .put("work_gpu_min", workPeSeconds / 60)
                    .put("makespan_min", makespan / 60)
                    .put("wait_min", waitS / 60)
                    .put("events", events[0])
                    .measured(meter));
        }
    }

    private static double arrivalOf(PeerWorkload w, Cloudlet c) {
        return w.submitMin()[(int) c.getId()] * 60.0;
    }

    private static List<Host> hosts(int n) {
        List<Host> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Pe> pes = new ArrayList<>(PeerWorkload.PES_PER_HOST);
            for (int p = 0; p < PeerWorkload.PES_PER_HOST; p++) {
                pes.add(new PeSimple(MIPS));
            }
            list.add(new HostSimple(HOST_RAM_MB, HOST_BW_MBPS, HOST_STORAGE_MB, pes));
        }
        return list;
    }

    /** Submits each minute's jobs (a VM and its bound cloudlet each) to the broker at that minute. */
    private static final class Arrivals extends CloudSimEntity {
        private static final int SUBMIT = 987_001;

        private final DatacenterBroker broker;
        private final PeerWorkload w;
        private int next;

        Arrivals(CloudSimPlus sim, DatacenterBroker broker, PeerWorkload w) {
            super(sim);
            this.broker = broker;
            this.w = w;
            setName("Arrivals");
        }

        /** Submits the jobs of the first minute before the simulation starts, as CloudSim Plus expects. */
        void submitFirst() {
            if (w.jobs() > 0 && w.submitMin()[0] == 0) {
                submitMinute();
            }
        }

        @Override
        protected void startInternal() {
            if (next < w.jobs()) {
                schedule(w.submitMin()[next] * 60.0, SUBMIT);
            }
        }

        @Override
        public void processEvent(SimEvent evt) {
            if (evt.getTag() != SUBMIT) {
                return;
            }
            int minute = submitMinute();
            if (next < w.jobs()) {
                schedule((w.submitMin()[next] - minute) * 60.0, SUBMIT);
            }
        }

        /** Submits the jobs of the next arrival minute; returns that minute. */
        private int submitMinute() {
            int minute = w.submitMin()[next];
            List<Vm> vms = new ArrayList<>();
            List<Cloudlet> cloudlets = new ArrayList<>();
            while (next < w.jobs() && w.submitMin()[next] == minute) {
                int pes = w.pes()[next];
                Vm vm = new VmSimple(next, MIPS, pes);
                vm.setRam(VM_RAM_MB).setBw(VM_BW_MBPS).setSize(VM_SIZE_MB);
                Cloudlet c = new CloudletSimple(next, (long) (w.lengthMin()[next] * 60 * MIPS), pes);
                c.setVm(vm);
                vms.add(vm);
                cloudlets.add(c);
                next++;
            }
            broker.submitVmList(vms);
            broker.submitCloudletList(cloudlets);
            return minute;
        }
    }
}
