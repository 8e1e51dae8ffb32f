/**
 * HTML that people's text becomes: Markdown rendered, then sanitized by DOMPurify (two locks:
 * the Markdown renderer escapes raw HTML, DOMPurify drops whatever gets past it). A chunk of
 * its own (marked and DOMPurify are a third of the entry's bytes), loaded by the first view
 * that shows such text (rich-text-loader.ts).
 */
import DOMPurify from "dompurify";
import { markdownToHtml } from "./markdown.ts";

export function sanitizedHtml(html: string): string {
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}

export function markdownHtml(text: string): string {
  return sanitizedHtml(markdownToHtml(text));
}
