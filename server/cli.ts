/** `aperture <command> …`: one module per command in server/commands/, loaded only when run. */
interface Command {
  run(argv: string[]): Promise<void>;
  usage: string;
}

// `aperture serve` must not load what `worker` needs (BullMQ, ioredis, piscina): each command
// module is imported when it runs.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => import("./commands/serve.ts").then((m) => ({ run: m.serveCommand, usage: m.SERVE_USAGE })),
  worker: async () => import("./commands/worker.ts").then((m) => ({ run: m.workerCommand, usage: m.WORKER_USAGE })),
  gen: async () => import("./commands/gen.ts").then((m) => ({ run: m.genCommand, usage: m.GEN_USAGE })),
  init: async () => import("./commands/init.ts").then((m) => ({ run: m.initCommand, usage: m.INIT_USAGE })),
};

async function usage(): Promise<string> {
  const lines = await Promise.all(
    Object.entries(COMMANDS).map(
      async ([name, load]) => `  ${name.padEnd(8)} ${(await load()).usage.split("\n")[0]!.replace("Usage: ", "")}`,
    ),
  );
  return `Usage: aperture <command> [options]

Commands:
${lines.join("\n")}

Run "aperture <command> --help" for a command's options.`;
}

async function main([name, ...argv]: string[]): Promise<void> {
  const load = name === undefined || !Object.hasOwn(COMMANDS, name) ? undefined : COMMANDS[name];
  if (!load) {
    console.log(await usage());
    process.exitCode = name === undefined || name === "--help" || name === "-h" ? 0 : 2;
    return;
  }
  await (await load()).run(argv);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const inUse = (error as { code?: string }).code === "EADDRINUSE";
  const message = error instanceof Error ? error.message : String(error);
  console.error(`aperture: ${inUse ? `${message}: another program uses that port; pick one with --port` : message}`);
  process.exit(1);
});
