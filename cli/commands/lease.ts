/** `edgeos lease grant|keepalive|revoke` on a consensus group (`--group`, default `default`). */
import type { Command, CommandContext } from "../command";
import { integerFlag, parseFlags, pickSubcommand, positionals } from "./args";

const USAGE = [
  "lease grant TTL_SECONDS [--group G]",
  "lease keepalive ID [--group G]",
  "lease revoke ID [--group G]",
];

const GROUP_FLAG = { flag: "--group G", text: "consensus group", default: "default" };

interface LeaseAnswer {
  id?: number;
  ttl?: number;
  deleted?: number;
}

/** The leases path of the group and the one integer argument of a lease subcommand. */
function leaseArgs(args: string[], usage: string): { base: string; number: number } {
  const { values, positionals: rest } = parseFlags(args, { group: { type: "string" } });
  const [text] = positionals(rest, 1, usage) as [string];
  return {
    base: `/v1/groups/${encodeURIComponent(values.group ?? "default")}/leases`,
    number: integerFlag(text, usage.split(" ")[2] ?? "argument"),
  };
}

function show(context: CommandContext, answer: LeaseAnswer, human: string): number {
  context.output.out(context.options.json ? JSON.stringify(answer) : human);
  return 0;
}

const SUBCOMMANDS: Record<string, (context: CommandContext, args: string[]) => Promise<number>> = {
  async grant(context, args) {
    const { base, number } = leaseArgs(args, USAGE[0] as string);
    const answer = await context.client.request<LeaseAnswer>("POST", base, { ttl: number });
    return show(context, answer, `lease ${answer.id} granted for ${answer.ttl} s`);
  },
  async keepalive(context, args) {
    const { base, number } = leaseArgs(args, USAGE[1] as string);
    const answer = await context.client.request<LeaseAnswer>("POST", `${base}/${number}/keepalive`);
    return show(context, answer, `lease ${answer.id} renewed for ${answer.ttl} s`);
  },
  async revoke(context, args) {
    const { base, number } = leaseArgs(args, USAGE[2] as string);
    const answer = await context.client.request<LeaseAnswer>("DELETE", `${base}/${number}`);
    return show(context, answer, `lease ${number} revoked; ${answer.deleted} key(s) deleted`);
  },
};

export const leaseCommand: Command = {
  name: "lease",
  summary: "grant, renew and revoke leases",
  usage: "edgeos lease grant|keepalive|revoke …",
  help: [
    {
      name: "grant",
      args: "TTL_SECONDS [--group G]",
      summary: "grant a lease that expires TTL_SECONDS after its last renewal",
      flags: [GROUP_FLAG],
      example: "lease grant 30",
    },
    {
      name: "keepalive",
      args: "ID [--group G]",
      summary: "renew lease ID for its full TTL",
      flags: [GROUP_FLAG],
      example: "lease keepalive 7 --group orders",
    },
    {
      name: "revoke",
      args: "ID [--group G]",
      summary: "revoke lease ID and delete every key attached to it",
      flags: [GROUP_FLAG],
      example: "lease revoke 7",
    },
  ],
  run(context, args) {
    const [handler, rest] = pickSubcommand(SUBCOMMANDS, args, USAGE);
    return handler(context, rest);
  },
};
