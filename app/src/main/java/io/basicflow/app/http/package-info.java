/**
 * The HTTP API of {@code basicflow serve}: {@link io.basicflow.app.http.HttpServer}, configured by
 * {@link io.basicflow.app.http.HttpServerConfig}, speaking to the engine only through {@link
 * io.basicflow.engine.api.WorkflowEngine}, to scripts through {@link
 * io.basicflow.app.scripts.ScriptLibrary} and to tools through {@link
 * io.basicflow.app.http.ToolSchemas}.
 *
 * <table>
 *   <caption>Endpoints (the OpenAPI description at {@code /openapi.json} is the full contract)</caption>
 *   <tr><th>method and path</th><th>statuses</th></tr>
 *   <tr><td>POST /executions</td><td>201 started, 200 existed (idempotent id), 400, 401, 404 script,
 *       409 id of another script, 413, 415, 422 compile errors / not #workflow / too large, 503</td></tr>
 *   <tr><td>GET /executions?status&amp;script&amp;from&amp;to&amp;after&amp;limit</td><td>200, 400, 401</td></tr>
 *   <tr><td>GET /executions/{id}</td><td>200, 400, 401, 404</td></tr>
 *   <tr><td>POST /executions/{id}/input</td><td>202, 400, 401, 404, 409 ended, 413, 415</td></tr>
 *   <tr><td>GET /executions/{id}/messages?after&amp;limit&amp;wait</td><td>200 (JSON or
 *       text/event-stream), 400, 401, 404</td></tr>
 *   <tr><td>POST /executions/{id}/messages/ack</td><td>204, 400, 401, 404, 413, 415</td></tr>
 *   <tr><td>GET /executions/{id}/events?after&amp;limit</td><td>200, 400, 401, 404</td></tr>
 *   <tr><td>POST /executions/{id}/cancel</td><td>202, 400, 401, 404, 409, 413, 415</td></tr>
 *   <tr><td>POST /executions/{id}/retry</td><td>202, 400, 401, 404, 409 not FAILED</td></tr>
 *   <tr><td>GET /executions/{id}/tools</td><td>200, 400, 401, 404</td></tr>
 *   <tr><td>POST /events/{name}</td><td>200 with how many waiters it woke, 400, 401, 404 conversation,
 *       413, 415</td></tr>
 *   <tr><td>GET /scripts</td><td>200, 401, 503</td></tr>
 *   <tr><td>GET /scripts/{name}</td><td>200, 400, 401, 404, 422, 503</td></tr>
 *   <tr><td>POST /scripts/check</td><td>200 (with or without errors), 400, 401, 413, 415</td></tr>
 *   <tr><td>GET /health</td><td>200, no token needed</td></tr>
 *   <tr><td>GET /metrics, GET /openapi.json</td><td>200, 401</td></tr>
 * </table>
 *
 * <p>Every error is an RFC 9457 {@code application/problem+json} object whose {@code type} is
 * {@code urn:basicflow:problem:<slug>}; unknown paths answer 404, other methods 405, failures 500
 * with an {@code errorId} that the server log repeats.
 */
package io.basicflow.app.http;
