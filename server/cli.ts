/** `aperture <command> …`: one module per command in server/commands/. */
import { GEN_USAGE, genCommand } from "./commands/gen.ts";
import { INIT_USAGE, initCommand } from "./commands/init.ts";
import { SERVE_USAGE, serveCommand } from "./commands/serve.ts";
import { WORKER_USAGE, workerCommand } from "./commands/worker.ts";

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<void>; usage: string }> = {
  serve: { run: serveCommand, usage: SERVE_USAGE },
  worker: { run: workerCommand, usage: WORKER_USAGE },
  gen: { run: genCommand, usage: GEN_USAGE },
  init: { run: initCommand, usage: INIT_USAGE },
};

const USAGE = `Usage: aperture <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(8)} ${command.usage.split("\n")[0]!.replace("Usage: ", "")}`)
  .join("\n")}

Run "aperture <command> --help" for a command's options.`;

async function main([name, ...argv]: string[]): Promise<void> {
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    console.log(USAGE);
    process.exitCode = name === undefined || name === "--help" || name === "-h" ? 0 : 2;
    return;
  }
  await command.run(argv);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const inUse = (error as { code?: string }).code === "EADDRINUSE";
  const message = error instanceof Error ? error.message : String(error);
  console.error(`aperture: ${inUse ? `${message}: another program uses that port; pick one with --port` : message}`);
  process.exit(1);
});
