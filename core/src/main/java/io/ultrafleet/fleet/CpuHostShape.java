package io.ultrafleet.fleet;

/**
 * A general-purpose CPU host shape for agent sandboxes and rollouts.
 *
 * @param name catalogue name, the provider's instance type, e.g. {@code c8g.48xlarge}
 * @param vcpus vCPUs per host
 * @param memoryMib memory per host, MiB
 */
public record CpuHostShape(String name, int vcpus, long memoryMib) {}
