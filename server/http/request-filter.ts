/**
 * Which of a page request's headers and cookies reach `doc.session.request`: Bokeh's
 * `--include-headers`, `--exclude-headers`, `--include-cookies`, `--exclude-cookies`. Unlike
 * Bokeh, none reach it unless asked for (`includeHeaders: true` passes all of them), because
 * a handler that echoes a header into the page would echo its cookies too.
 */

export interface RequestFilterOptions {
  /** `true`: every header and cookie; a list: those headers only (case-insensitive). Default false. */
  includeHeaders?: boolean | string[];
  /** Every header but these (implies headers are passed). */
  excludeHeaders?: string[];
  /** These cookies only (by name). */
  includeCookies?: string[];
  /** Every cookie but these (implies cookies are passed). */
  excludeCookies?: string[];
}

/** For each of headers and cookies: which names pass, or null when none are passed. */
export interface RequestFilter {
  header: ((name: string) => boolean) | null;
  cookie: ((name: string) => boolean) | null;
}

function nameTest(
  include: string[] | undefined,
  exclude: string[] | undefined,
  all: boolean,
  fold: boolean,
): ((name: string) => boolean) | null {
  const norm = (name: string) => (fold ? name.toLowerCase() : name);
  if (include && exclude) throw new TypeError("give either an include list or an exclude list, not both");
  if (include) {
    const names = new Set(include.map(norm));
    return (name) => names.has(norm(name));
  }
  if (exclude) {
    const names = new Set(exclude.map(norm));
    return (name) => !names.has(norm(name));
  }
  return all ? () => true : null;
}

export function resolveRequestFilter(options: RequestFilterOptions): RequestFilter {
  const all = options.includeHeaders === true;
  const headerList = Array.isArray(options.includeHeaders) ? options.includeHeaders : undefined;
  return {
    header: nameTest(headerList, options.excludeHeaders, all, true),
    cookie: nameTest(options.includeCookies, options.excludeCookies, all, false),
  };
}

/** The request's headers and cookies that `filter` lets through. */
export function filterRequest(
  filter: RequestFilter,
  rawHeaders: Record<string, string | string[] | undefined>,
): { headers: Record<string, string>; cookies: Record<string, string> } {
  const headers: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  if (filter.header) {
    for (const [name, value] of Object.entries(rawHeaders)) if (typeof value === "string" && filter.header(name)) headers[name] = value;
  }
  if (filter.cookie) {
    for (const part of (rawHeaders.cookie as string | undefined)?.split(";") ?? []) {
      const [name, ...rest] = part.trim().split("=");
      if (name && name !== "__proto__" && filter.cookie(name)) cookies[name] = safeDecode(rest.join("="));
    }
  }
  return { headers, cookies };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
