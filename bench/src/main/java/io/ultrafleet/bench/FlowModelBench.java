package io.ultrafleet.bench;

import io.ultrafleet.twin.inference.FlowModel;
import io.ultrafleet.twin.inference.FlowStep;
import io.ultrafleet.twin.inference.Overload;
import io.ultrafleet.twin.inference.ServiceProfile;
import io.ultrafleet.twin.inference.ServiceProfiles;
import io.ultrafleet.twin.inference.ServiceState;
import io.ultrafleet.twin.inference.StepDemand;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One inference service's flow step, as the twin calls it once per service per step: the demand of a chat service
 * (Azure conversation trace shape) whose rate swings between 5 % and 95 % of the pool's capacity over 628 steps, with
 * the state carried from step to step. {@code step} reads throughput, attainment and backlog only; {@code
 * stepWithPercentiles} also asks for the p99 TTFT and end-to-end latency, which are computed on demand. The pool is
 * 8 replicas of {@code llama405b-h200x8} or 2,000 of {@code r1-gb300-nvl72} (Erlang C past its exact range).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar FlowModelBench -wi 3 -i 5 -f 1}
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlowModelBench {
    /** Service profile and pool size. */
    @Param({"llama405b-h200x8:8", "r1-gb300-nvl72:2000"})
    String pool;

    private FlowModel model;
    private int replicas;
    private StepDemand[] demands;
    private ServiceState state;
    private int next;

    @Setup
    public void setUp() {
        String[] parts = pool.split(":");
        ServiceProfile profile = ServiceProfiles.get(parts[0]).orElseThrow();
        replicas = Integer.parseInt(parts[1]);
        model = new FlowModel(profile, 60_000, Overload.queue());
        StepDemand shape = StepDemand.of(1, 1_155, 0.96, 211, 0.77);
        double capacity = model.capacityRequestsPerS(shape, replicas);
        demands = new StepDemand[628];
        for (int i = 0; i < demands.length; i++) {
            demands[i] = shape.withRate((0.5 + 0.45 * Math.sin(i * 0.01)) * capacity);
        }
        state = ServiceState.IDLE;
    }

    private FlowStep advance() {
        FlowStep s = model.step(demands[next], replicas, state);
        next = next + 1 == demands.length ? 0 : next + 1;
        state = s.state();
        return s;
    }

    @Benchmark
    public double step() {
        FlowStep s = advance();
        return s.sloAttainment() + s.throughputTokensPerS() + s.backlogRequests();
    }

    @Benchmark
    public double stepWithPercentiles() {
        FlowStep s = advance();
        return s.sloAttainment() + s.ttftP99S() + s.e2eP99S();
    }
}
