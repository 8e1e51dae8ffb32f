/**
 * The browser bundle's entry. Vite builds it as an IIFE whose exports become the global
 * `Aperture`; the explicit assignment keeps `window.Aperture` set even when the bundle is
 * evaluated outside the global scope.
 */
import { version } from "../package.json";
import type { ClientDocument } from "./document.ts";
import { embed as embedApp, type EmbedOptions } from "./embed.ts";
import type { ExportPageApi } from "../server/protocol/index.ts";

export type { ClientDocument, EmbedOptions };

export interface ApertureGlobal {
  embed(element: HTMLElement, options: EmbedOptions): ClientDocument;
  /** Every document embedded in this page, for debugging and tests. */
  documents: ClientDocument[];
  version: string;
  /** What `exportPng` / `exportSvg` run in their headless page (a chunk of its own). */
  loadExport(): Promise<ExportPageApi<HTMLElement>>;
}

declare global {
  interface Window {
    Aperture: ApertureGlobal;
  }
}

export const documents: ClientDocument[] = [];

/** Renders the app of `options` into `element` and keeps it in sync with its session. */
export function embed(element: HTMLElement, options: EmbedOptions): ClientDocument {
  const doc = embedApp(element, options, (old, fresh) => documents.splice(documents.indexOf(old), 1, fresh));
  documents.push(doc);
  return doc;
}

export { version };

const loadExport = () => import("./export.ts").then((module) => module.exportPage);

window.Aperture = { embed, documents, version, loadExport };
