/** The terminal log: one line per event, with the app and session it concerns. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function consoleLogger(): Logger {
  const stamp = () => new Date().toISOString().slice(11, 23);
  return {
    info: (message) => console.log(`${stamp()} ${message}`),
    warn: (message) => console.warn(`${stamp()} WARN ${message}`),
    error: (message, error) => console.error(`${stamp()} ERROR ${message}`, ...(error === undefined ? [] : [error])),
  };
}

export function silentLogger(): Logger {
  return { info: () => {}, warn: () => {}, error: () => {} };
}
