/**
 * Crashes a Durable Object on purpose, as the crash and eviction tests need. workerd
 * reports every `state.abort()` on stderr as an "uncaught exception … outputGateBroken"
 * with a native stack, and, when the object had an alarm scheduled, a "NOSENTRY SQLite
 * alarm handler canceled" line; a test cannot capture either (workerd writes them, not
 * the test's isolate). So the abort reason says that the line is expected and why.
 */
import { runInDurableObject } from "cloudflare:test";

/** Prefix of every deliberate abort's reason, as it appears in workerd's log line. */
export const EXPECTED_ABORT = "expected abort (a test crashes this object on purpose)";

/** Aborts the object behind `stub`; it restarts from storage on its next call. */
export async function abortObject(stub: DurableObjectStub, what: string): Promise<void> {
  await runInDurableObject(stub, (_, state) => state.abort(`${EXPECTED_ABORT}: ${what}`)).catch(
    () => undefined,
  );
}
