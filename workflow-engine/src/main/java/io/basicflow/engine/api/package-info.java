/**
 * The engine's public API for front ends: {@link io.basicflow.engine.api.WorkflowEngine} and the
 * records it speaks. The HTTP API and the command line are written against this package only.
 */
package io.basicflow.engine.api;
