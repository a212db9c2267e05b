/** {@code WEBHOOK "name"} declarations: which scripts are HTTP endpoints of their bot. */
package io.basicflow.compiler.webhook;
