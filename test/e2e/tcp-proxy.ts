/**
 * A TCP proxy in front of the dev server that a test can take down and bring back on
 * the same port: to the client behind it, the server goes away (every connection cut,
 * new ones refused) and returns.
 */
import { connect, createServer, type Server, type Socket } from "node:net";

/** A proxy listening on 127.0.0.1. */
export interface TcpProxy {
  url: string;
  /** Cuts every connection and stops listening. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
}

/** Starts a proxy to `target` (an http URL on 127.0.0.1) on a free port. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listenPort = 0;
  const up = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = connect(Number(port), hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      next.once("error", reject);
      next.listen(listenPort, "127.0.0.1", () => {
        const address = next.address();
        listenPort = typeof address === "object" && address ? address.port : 0;
        server = next;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await up();
  return { url: `http://127.0.0.1:${listenPort}`, down, up };
}
