/**
 * The wire shape shared by both overlays. Every exchange is a request answered by at most
 * one response carrying the same correlation id; a request that is not answered before its
 * deadline counts as a failure of the peer. Node addresses are opaque strings (a Durable
 * Object name in production, a simulator slot in tests).
 */

/** A request from `from` to `to`; `corr` is unique among the sender's outstanding requests. */
export interface RequestEnvelope<Req> {
  type: "request";
  from: string;
  to: string;
  corr: number;
  body: Req;
}

/** The answer to the request `corr` that `to` sent to `from`. */
export interface ResponseEnvelope<Res> {
  type: "response";
  from: string;
  to: string;
  corr: number;
  body: Res;
}

export type Envelope<Req, Res> = RequestEnvelope<Req> | ResponseEnvelope<Res>;

/**
 * What a core step hands back to its shell, to be drained in order: write `persist` (the
 * routing state, present only when it changed), then deliver `send`, then report `done`.
 * `wakeAt` is the earliest tick at which the core wants `tick` to be called again.
 */
export interface Ready<Req, Res, State, Done> {
  persist: State | undefined;
  send: Envelope<Req, Res>[];
  done: Done[];
  wakeAt: number | undefined;
}
