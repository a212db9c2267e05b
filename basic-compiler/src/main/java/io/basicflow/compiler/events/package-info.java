/**
 * Event handlers declared in a script ({@code ON "event" … END ON}): read by whoever deploys the
 * script, each run as an execution of its own per publication of its event (docs/orchestration.md).
 */
package io.basicflow.compiler.events;
