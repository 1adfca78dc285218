/** `edgeos status`: the health of a running edgeos. */
import { CliError, USAGE_EXIT_CODE } from "../cli-error";
import type { Command } from "../command";

interface Health {
  status: string;
  version: string;
  uptimeMs: number;
  parts: Record<string, boolean>;
  auth: string;
  devFaults: boolean;
}

export const statusCommand: Command = {
  name: "status",
  summary: "show the health of a running edgeos",
  usage: "edgeos status",
  help: [
    {
      args: "",
      summary:
        "Show the version, uptime, enabled parts, auth mode and dev faults of a running edgeos.",
      example: "status --url http://127.0.0.1:8787",
    },
  ],
  async run({ client, output, options }, args) {
    if (args.length > 0) {
      throw new CliError(`status takes no arguments, got "${args.join(" ")}"`, USAGE_EXIT_CODE);
    }
    const health = await client.get<Health>("/healthz");
    if (options.json) {
      output.out(JSON.stringify(health));
      return 0;
    }
    const parts = Object.entries(health.parts)
      .map(([name, enabled]) => `${name}${enabled ? "" : " (off)"}`)
      .join(", ");
    output.out(`edgeos ${health.version} at ${options.url}: ${health.status}`);
    output.out(`  uptime   ${(health.uptimeMs / 1000).toFixed(1)} s`);
    output.out(`  parts    ${parts}`);
    output.out(
      `  auth     ${health.auth === "token" ? "bearer token required" : "open (no EDGEOS_TOKEN set)"}`,
    );
    output.out(`  faults   ${health.devFaults ? "dev fault injection enabled" : "disabled"}`);
    return 0;
  },
};
