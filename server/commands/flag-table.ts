/**
 * Command-line flags as one table per command: each row says what the flag's value is, the
 * option it sets and its help line. From the table come the parser's options, the value
 * checks, the environment fallbacks and `--help`, so adding a flag is adding a row.
 */
import { parseArgs } from "node:util";

/**
 * - `switch`: no value. `text`: one value. `list`: repeatable, commas split it too.
 * - `words`: Bokeh's `nargs='+'`: the values run to the next flag (`--include-headers a b`).
 * - `integer` / `number`: ≥ 0 (a row's `scale` converts, e.g. seconds to milliseconds).
 */
export type FlagKind = "switch" | "text" | "list" | "words" | "integer" | "number";

export interface FlagSpec<O extends string = string> {
  kind: FlagKind;
  /** The option it sets; `a.b` sets `b` of the object option `a`. */
  option: O;
  help: string;
  /** Shown in `--help` after the flag (`<ms>`); default from the kind. */
  metavar?: string;
  /** The option's value is the flag's times this (seconds → milliseconds: 1000). */
  scale?: number;
  /** Read when the flag is absent. */
  env?: string;
}

export type FlagTable<O extends string = string> = Record<string, FlagSpec<O>>;
/** Sections of `--help`, each a table. */
export type FlagGroups<O extends string = string> = Record<string, FlagTable<O>>;

type ParseOptions = Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

function parserOptions(table: FlagTable): ParseOptions {
  const options: ParseOptions = {};
  for (const [flag, spec] of Object.entries(table)) {
    options[flag] = spec.kind === "switch" ? { type: "boolean" } : { type: "string", ...(spec.kind === "list" ? { multiple: true } : {}) };
  }
  return options;
}

/** `--include-headers a b --x` → `--include-headers=a,b --x`, so the parser sees one value. */
function joinWords(argv: string[], table: FlagTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const flag = token.startsWith("--") ? token.slice(2) : undefined;
    if (flag === undefined || table[flag]?.kind !== "words") {
      out.push(token);
      continue;
    }
    const words: string[] = [];
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith("-")) words.push(argv[++i]!);
    if (words.length === 0) throw new TypeError(`--${flag} needs at least one value`);
    out.push(`--${flag}=${words.join(",")}`);
  }
  return out;
}

function convert(flag: string, spec: FlagSpec, raw: unknown): unknown {
  if (spec.kind === "switch") return raw === true;
  const texts = (Array.isArray(raw) ? raw : [raw]) as string[];
  if (spec.kind === "list" || spec.kind === "words")
    return texts
      .flatMap((text) => text.split(","))
      .map((text) => text.trim())
      .filter(Boolean);
  const text = texts.at(-1)!;
  if (spec.kind === "text") return text;
  const value = text.trim() === "" ? Number.NaN : Number(text);
  const integer = spec.kind === "integer";
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))
    throw new TypeError(`--${flag} must be ${integer ? "an integer" : "a number"} ≥ 0, got ${text}`);
  return value * (spec.scale ?? 1);
}

function assign(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  if (rest.length === 0) return void (target[head] = value);
  const inner = (target[head] ??= {}) as Record<string, unknown>;
  assign(inner, rest.join("."), value);
}

export interface ParsedFlags {
  /** Options by their path, from flags and, for flags not given, their environment variables. */
  options: Record<string, unknown>;
  positionals: string[];
  /** Everything after `--args` (Bokeh's `nargs='...'`), or undefined when there is none. */
  rest: string[] | undefined;
}

/** Parses `argv` by the tables; an unknown flag, a missing value or a bad number is an error naming the flag. */
export function parseFlags(argv: string[], groups: FlagGroups, env: NodeJS.ProcessEnv = process.env): ParsedFlags {
  const table: FlagTable = Object.assign({}, ...Object.values(groups)) as FlagTable;
  const split = argv.indexOf("--args");
  const rest = split === -1 ? undefined : argv.slice(split + 1);
  const { values, positionals } = parseArgs({
    args: joinWords(split === -1 ? argv : argv.slice(0, split), table),
    allowPositionals: true,
    strict: true,
    options: { ...parserOptions(table), help: { type: "boolean", short: "h" } },
  });
  const options: Record<string, unknown> = {};
  for (const [flag, spec] of Object.entries(table)) {
    const fromEnv = spec.env ? env[spec.env] : undefined;
    const raw = (values as Record<string, unknown>)[flag] ?? (fromEnv === "" ? undefined : fromEnv);
    if (raw === undefined || raw === false) continue;
    assign(options, spec.option, convert(flag, spec, raw));
  }
  if (values.help) options.help = true;
  return { options, positionals, rest };
}

const METAVARS: Record<FlagKind, string> = {
  switch: "",
  text: " <text>",
  list: " <a,b>",
  words: " <a> <b>…",
  integer: " <n>",
  number: " <n>",
};

/** `--help`'s sections: one line per flag, aligned. */
export function flagUsage(groups: FlagGroups): string {
  const rows = Object.entries(groups).map(
    ([title, table]) =>
      [
        title,
        Object.entries(table).map(([flag, spec]) => {
          const metavar = spec.metavar ? ` <${spec.metavar}>` : METAVARS[spec.kind];
          const env = spec.env ? ` (default $${spec.env})` : "";
          return [`--${flag}${metavar}`, `${spec.help}${env}`] as const;
        }),
      ] as const,
  );
  const width = Math.max(...rows.flatMap(([, lines]) => lines.map(([left]) => left.length))) + 2;
  return rows
    .map(([title, lines]) => `${title}:\n${lines.map(([left, right]) => `  ${left.padEnd(width)}${right}`).join("\n")}`)
    .join("\n\n");
}
