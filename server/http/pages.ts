/** The HTML pages and the autoload script the server sends. */
import type { AppSpec } from "../session/app.ts";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const PAGE_STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328}
a{color:#0969da}h1{font-size:1.5rem}li{margin:6px 0}`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><style>${PAGE_STYLE}</style></head>
<body>
${body}
</body>
</html>
`;
}

function appList(apps: readonly AppSpec[], prefix: string): string {
  const items = apps.map((app) => `<li><a href="${escapeHtml(`${prefix}/${app.name}`)}">${escapeHtml(app.title ?? app.name)}</a></li>`);
  return `<ul>\n${items.join("\n")}\n</ul>`;
}

export function indexPage(apps: readonly AppSpec[], prefix: string): string {
  return page("Aperture apps", `<h1>Aperture apps</h1>\n${appList(apps, prefix)}`);
}

/** `--index file.html`: the file, with `{{ items }}` the list of app links and `{{ prefix }}` the URL prefix. */
export function customIndexPage(template: string, apps: readonly AppSpec[], prefix: string): string {
  const values: Record<string, string> = { items: appList(apps, prefix), prefix: escapeHtml(prefix) };
  return template.replace(/\{\{\s*(items|prefix)\s*\}\}/g, (_all, name: string) => values[name]!);
}

/**
 * The app's own page: the same autoload script an embedding page uses, and a hint to fetch
 * the client's entry module while autoload.js makes the session.
 */
export function appPage(app: AppSpec, autoloadSrc: string, entrySrc: string): string {
  const embed = embedTags(autoloadSrc, entrySrc);
  return app.page ? app.page(embed) : page(app.title ?? app.name, embed);
}

export interface EmbedTagOptions {
  /** A template's page: `"all"` puts the roots no `data-aperture-slot` takes where the script stands, `"named"` only fills the slots. */
  template?: "all" | "named";
  /** The session made for this page (the socket presents it; never in a URL). */
  token?: string | undefined;
}

/** The app's own page's script tags (`data-aperture-page`: doc.title is the page's `<title>`). */
export function embedTags(autoloadSrc: string, entrySrc: string, options: EmbedTagOptions = {}): string {
  const template = options.template ? ` data-aperture-template="${options.template}"` : "";
  const token = options.token === undefined ? "" : ` data-aperture-token="${escapeHtml(options.token)}"`;
  return `<link rel="modulepreload" href="${escapeHtml(entrySrc)}"><script src="${escapeHtml(autoloadSrc)}" data-aperture-page${template}${token}></script>`;
}

export interface AutoloadConfig {
  /** The client's entry module. */
  bundleUrl: string;
  /** Modules the page will need soon (plotly, when the document has a figure), fetched at once. */
  preload: readonly string[];
  /** The app's socket, with the page's query (the handler's arguments when the socket makes the session). */
  wsUrl: string;
  app: string;
}

/**
 * Runs where the embedding `<script>` tag stands: puts the app's element right there, loads
 * the client's entry module once per page (several embeds share it), and connects: the socket
 * asks for a new session, or resumes the one a `data-aperture-token` attribute names
 * (`serverSession`; the token is never in a URL). Modules the page will need (plotly for a
 * figure) are fetched meanwhile, evaluated when used.
 */
export function autoloadScript(config: AutoloadConfig): string {
  return `(function () {
  var config = ${JSON.stringify({ wsUrl: config.wsUrl, app: config.app })};
  var bundleUrl = ${JSON.stringify(config.bundleUrl)};
  var preload = ${JSON.stringify(config.preload)};
  var script = document.currentScript;
  config.ownsTitle = !!(script && script.hasAttribute("data-aperture-page"));
  var token = script && script.getAttribute("data-aperture-token");
  if (token) config.token = token;
  var template = script && script.getAttribute("data-aperture-template");
  if (template) config.template = template;
  var target = document.createElement("div");
  if (script && script.parentNode) script.parentNode.insertBefore(target, script);
  else document.body.appendChild(target);
  preload.forEach(function (href) {
    if (document.querySelector('link[rel="modulepreload"][href="' + href + '"]')) return;
    var link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = href;
    document.head.appendChild(link);
  });
  function start() { window.Aperture.embed(target, config); }
  if (window.Aperture && window.Aperture.embed) return start();
  window.__apertureLoading = window.__apertureLoading || import(bundleUrl).catch(function () {
    throw new Error("could not load " + bundleUrl);
  });
  window.__apertureLoading.then(start, function (error) {
    target.className = "aperture-load-error";
    target.textContent = "Aperture: " + error.message;
  });
})();
`;
}

/** Autoload's answer when no session can be made: the reason, shown where the app would be. */
export function autoloadErrorScript(message: string): string {
  return `(function () {
  var box = document.createElement("pre");
  box.className = "aperture-load-error";
  box.style.cssText = "color:#82071e;background:#ffebe9;border:1px solid #ff8182;padding:12px;white-space:pre-wrap";
  box.textContent = ${JSON.stringify(`Aperture: ${message}`)};
  var script = document.currentScript;
  if (script && script.parentNode) script.parentNode.insertBefore(box, script);
  else document.body.appendChild(box);
})();
`;
}
