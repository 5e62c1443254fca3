package io.ultrafleet.twin.replay.philly;

/**
 * One job of a Philly job list.
 *
 * @param line the job's line in its file (the header is line 1): its name in reports
 * @param submitMs submission, milliseconds since 1970-01-01 00:00:00 in the trace's own clock
 * @param durationMs how long it ran, milliseconds
 * @param gpus GPUs it asked for, all at once (a gang)
 * @param vc the virtual cluster it was submitted to
 */
public record PhillyJob(int line, long submitMs, long durationMs, int gpus, String vc) {}
