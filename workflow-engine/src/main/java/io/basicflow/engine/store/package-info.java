/**
 * The engine's storage port: {@link io.basicflow.engine.store.EventStore} and the records it speaks.
 * The engine owns this package; a persistence module implements the port (basicflow's is the jOOQ
 * store on PostgreSQL). Payloads cross the port as JSON text written by {@link
 * io.basicflow.engine.json.EngineJson}, so a store never needs to know the event model and stores
 * them exactly as written.
 */
package io.basicflow.engine.store;
