package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultrafleet.spec.CheckpointPolicy;
import io.ultrafleet.spec.TrainingSpec;
import io.ultrafleet.spec.TrainingSpec.JobSpec;

/** A scenario's job as the body of {@code POST /v1/jobs}: the same fields, without {@code submit}. */
final class JobBodies {
    private JobBodies() {}

    static ObjectNode of(JobSpec j, int minGpus) {
        ObjectNode o = ApiClient.JSON.createObjectNode();
        if (j.name() != null) {
            o.put("name", j.name());
        }
        o.put("queue", j.queue());
        o.put("gpus", j.gpus());
        o.put("duration", j.durationMs() + "ms");
        ObjectNode topology = o.putObject("topology");
        topology.put("required", j.topology().required().yamlName());
        topology.put("preferred", j.topology().preferred().yamlName());
        if (!j.models().isEmpty()) {
            ArrayNode models = o.putArray("models");
            j.models().forEach(models::add);
        }
        TrainingSpec.RecoverySpec r = j.recovery();
        CheckpointPolicy policy = r.checkpoint();
        if (policy instanceof CheckpointPolicy.Fixed f) {
            o.put("checkpointInterval", f.intervalMillis() + "ms");
        } else if (policy instanceof CheckpointPolicy.Young) {
            o.put("checkpointInterval", "young");
        } else if (policy instanceof CheckpointPolicy.Daly) {
            o.put("checkpointInterval", "daly");
        }
        if (r.estimateFactor() != 1.0) {
            o.put("estimateFactor", r.estimateFactor());
        }
        if (r.checkpointStallMs() > 0) {
            o.put("checkpointStall", r.checkpointStallMs() + "ms");
        }
        if (r.restartOverheadMs() > 0) {
            o.put("restartOverhead", r.restartOverheadMs() + "ms");
        }
        if (minGpus < j.gpus()) {
            o.put("minGpus", minGpus);
        }
        return o;
    }
}
