/**
 * The plugin test kit: {@link io.basicflow.testkit.BasicflowTestKit} runs scripts with a keyword
 * plugin on the real durable engine and an embedded PostgreSQL; {@link
 * io.basicflow.testkit.ScriptRun} feeds input and reads messages, variables, results and events;
 * {@link io.basicflow.testkit.EffectCall} shows how the plugin's handlers were called; {@link
 * io.basicflow.testkit.StepMatcher} picks the step of a simulated crash.
 */
package io.basicflow.testkit;
