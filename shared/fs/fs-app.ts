/**
 * The file-system namespace as a consensus host replicates it: the state machine plus the
 * leader's time-dependent decisions — `mtime` and upload deadlines are the leader's clock
 * (whatever `now` a caller sent is replaced when the leader proposes), and the leader
 * proposes the expiry of upload intents that ran out by itself.
 */
import { FsNamespace } from "./namespace";
import type { FsCommand } from "./types";

export class FsApp {
  /** The namespace; replaced wholesale by `reset` (a snapshot from before volumes existed). */
  machine = new FsNamespace();

  stamp(command: FsCommand, now: number): FsCommand {
    return { ...command, now };
  }

  /** An `expireUploads` for the first volume with an intent past its deadline. */
  dueWork(now: number): FsCommand | undefined {
    return this.machine.dueWork(now);
  }

  nextDeadline(): number | null {
    return this.machine.nextUploadDeadline();
  }

  /** Back to an empty namespace (only the implicit default volume). */
  reset(): void {
    this.machine = new FsNamespace();
  }
}
