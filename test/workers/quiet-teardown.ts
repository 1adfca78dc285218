/**
 * Every workerd test file ends by resetting the bindings' storage. Replicas, ring nodes and
 * the scheduler keep their alarms running for a while after their last request (a group
 * quiesces 2 s after its last write), and an alarm that fires after the test environment
 * closed makes workerd load the Worker again and print an "EnvironmentTeardownError"
 * uncaught exception from a passing file. Reset drops those objects and their alarms.
 */
import { reset } from "cloudflare:test";
import { afterAll } from "vitest";

afterAll(async () => {
  await reset();
});
