/**
 * Schedules ({@code SET SCHEDULE}): the deployed schedules' store port, and the {@link
 * io.basicflow.engine.schedule.Scheduler} every node runs to start their ticks exactly once across
 * nodes. See docs/schedules.md.
 */
package io.basicflow.engine.schedule;
