package io.ultrafleet.twin.reliability;

/**
 * What a failure takes down. The unit sizes are those of the topology model (docs/model.md section 3): a tray is a
 * 4-GPU compute tray of an NVL72 rack or a whole 8-GPU HGX host; a rack is one NVLink domain.
 */
public enum BlastRadius {
    /** The failed tray or host is drained until repaired; every job on it restarts. */
    TRAY,
    /** The whole NVLink domain (rack) is drained; every job on it restarts. */
    RACK,
    /** No hardware goes down: the job that hit the fault restarts from its last checkpoint on the same units. */
    JOB_ONLY,
    /** A network switch or cable: the jobs whose traffic crosses it restart; no rack is drained. */
    NETWORK
}
