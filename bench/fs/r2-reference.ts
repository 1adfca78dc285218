/**
 * The reference a Cloudflare user would pick instead of the edgeos file system: an R2
 * bucket, as Miniflare emulates it locally, behind a Worker that maps the same operations
 * onto it — `PUT|GET|HEAD|DELETE /o/<key>` (bodies streamed), `GET /list?prefix=` and
 * `POST /rename?from=&to=` (R2 has no rename: copy, then delete). One copy per object.
 */
import { Miniflare } from "miniflare";

const SCRIPT = `
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/list") {
      const listed = await env.BUCKET.list({ prefix: url.searchParams.get("prefix") ?? "", limit: 1000 });
      return Response.json(listed.objects.map((o) => o.key));
    }
    if (url.pathname === "/rename") {
      const from = url.searchParams.get("from"), to = url.searchParams.get("to");
      const object = await env.BUCKET.get(from);
      if (!object) return new Response(null, { status: 404 });
      await env.BUCKET.put(to, object.body);
      await env.BUCKET.delete(from);
      return new Response(null, { status: 200 });
    }
    const key = decodeURIComponent(url.pathname.slice(3));
    switch (request.method) {
      case "PUT":
        await env.BUCKET.put(key, request.body);
        return new Response(null, { status: 201 });
      case "GET": {
        const object = await env.BUCKET.get(key);
        return object ? new Response(object.body) : new Response(null, { status: 404 });
      }
      case "HEAD": {
        const object = await env.BUCKET.head(key);
        return new Response(null, { status: object ? 200 : 404 });
      }
      case "DELETE":
        await env.BUCKET.delete(key);
        return new Response(null, { status: 200 });
    }
    return new Response(null, { status: 405 });
  },
};`;

/** A running reference. */
export interface R2Reference {
  url: string;
  stop(): Promise<void>;
}

/** Starts the R2-backed Worker on `port` of 127.0.0.1, with storage under `persist`. */
export async function startR2Reference(port: number, persist: string): Promise<R2Reference> {
  const mf = new Miniflare({
    modules: true,
    script: SCRIPT,
    compatibilityDate: "2025-04-01",
    r2Buckets: ["BUCKET"],
    r2Persist: persist,
    host: "127.0.0.1",
    port,
  });
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return { url, stop: () => mf.dispose() };
}
