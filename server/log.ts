/** The terminal log: one line per event, with the app and session it concerns. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Bokeh's `--log-level` names. Aperture logs nothing below info, so trace and debug show what info shows. */
export const LOG_LEVELS = ["trace", "debug", "info", "warning", "error", "critical"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ConsoleLoggerOptions {
  /** Lines below this level are not written (default "info"). */
  level?: LogLevel;
  /**
   * A Python logging format string, as `bokeh serve --log-format` takes: `%(asctime)s`,
   * `%(levelname)s`, `%(message)s`, `%(name)s`, `%(process)d`. Default: Aperture's own
   * (`HH:MM:SS.mmm message`, with WARN or ERROR before a warning's or an error's message).
   */
  format?: string;
}

type Level = "info" | "warn" | "error";

const RANK: Record<LogLevel, number> = { trace: 0, debug: 0, info: 0, warning: 1, error: 2, critical: 2 };
const LEVEL_RANK: Record<Level, number> = { info: 0, warn: 1, error: 2 };
const LEVEL_NAMES: Record<Level, string> = { info: "INFO", warn: "WARNING", error: "ERROR" };
const FIELD = /%\((\w+)\)[sd]/g;
const FIELDS = new Set(["asctime", "levelname", "message", "name", "process"]);

/** Checks a `--log-format` string once, so a typo fails at start rather than on the first line. */
export function assertLogFormat(format: string): void {
  const unknown = [...format.matchAll(FIELD)].map((match) => match[1]!).filter((field) => !FIELDS.has(field));
  if (unknown.length > 0) throw new TypeError(`log format: unknown field %(${unknown[0]})s (known: ${[...FIELDS].join(", ")})`);
  if (!format.includes("%(message)s")) throw new TypeError("log format: it must contain %(message)s");
}

export function assertLogLevel(level: string): asserts level is LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new TypeError(`log level must be one of ${LOG_LEVELS.join(", ")}, got ${level}`);
}

/** Python's asctime: `2026-12-01 14:10:18,123`. */
function asctime(now: Date): string {
  return now.toISOString().replace("T", " ").replace(".", ",").slice(0, 23);
}

function lineMaker(format: string | undefined): (level: Level, message: string) => string {
  if (format === undefined) {
    return (level, message) => `${new Date().toISOString().slice(11, 23)} ${level === "info" ? "" : `${level.toUpperCase()} `}${message}`;
  }
  assertLogFormat(format);
  return (level, message) => {
    const fields: Record<string, string> = {
      asctime: asctime(new Date()),
      levelname: LEVEL_NAMES[level],
      message,
      name: "aperture",
      process: String(process.pid),
    };
    return format.replace(FIELD, (_all, field: string) => fields[field]!);
  };
}

export function consoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  assertLogLevel(level);
  const line = lineMaker(options.format);
  const shown = (at: Level) => LEVEL_RANK[at] >= RANK[level];
  return {
    info: (message) => void (shown("info") && console.log(line("info", message))),
    warn: (message) => void (shown("warn") && console.warn(line("warn", message))),
    error: (message, error) => void (shown("error") && console.error(line("error", message), ...(error === undefined ? [] : [error]))),
  };
}

export function silentLogger(): Logger {
  return { info: () => {}, warn: () => {}, error: () => {} };
}

/** The logger options name: `logger` itself, else the console at `logLevel` in `logFormat`. */
export function loggerFor(options: {
  logger?: Logger | undefined;
  logLevel?: LogLevel | undefined;
  logFormat?: string | undefined;
}): Logger {
  return (
    options.logger ??
    consoleLogger({ ...(options.logLevel ? { level: options.logLevel } : {}), ...(options.logFormat ? { format: options.logFormat } : {}) })
  );
}
