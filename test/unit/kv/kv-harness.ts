import { type KvCommand, type KvResult, KvStateMachine } from "../../../shared/kv/index";

/** A state machine fed at consecutive log indices, with typed result accessors. */
export class KvHarness {
  readonly kv = new KvStateMachine();
  private index = 0;

  run(command: KvCommand): KvResult {
    return this.kv.apply(command, ++this.index);
  }

  /** Runs a command that must not fail and returns its result narrowed to `kind`. */
  ok<K extends Exclude<KvResult["kind"], "error">>(kind: K, command: KvCommand) {
    const result = this.run(command);
    if (result.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(result)}`);
    return result as Extract<KvResult, { kind: K }>;
  }

  put(key: string, value: string, extra: { lease?: number; prevKv?: boolean } = {}) {
    return this.ok("put", { type: "put", key, value, ...extra });
  }

  del(key: string, prefix = false) {
    return this.ok("delete", { type: "delete", key, prefix });
  }

  /** The snapshot as text, for equality checks. */
  state(): string {
    return new TextDecoder().decode(this.kv.snapshot());
  }
}
