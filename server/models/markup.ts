/** Markdown text, rendered in the page. */
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";

/**
 * Markdown (CommonMark with GitHub's tables and strike-through). Safe for text people typed:
 * raw HTML shows as text, and the page sanitizes what Markdown makes (no script, no
 * `javascript:` links), unlike `Div`, whose HTML is trusted.
 * @example new Markdown({ text: `**${count}** cars selected` })
 */
export class Markdown extends defineVisibleModel("Markdown", {
  text: prop.string("", { maxLength: 1_000_000 }),
}) {}

/** Plain text in a paragraph (shown as text: safe for what people typed). */
export class Paragraph extends defineVisibleModel("Paragraph", {
  text: prop.string("", { maxLength: 1_000_000 }),
}) {}

/** Preformatted text in a fixed-width font, whitespace kept (logs, tables of text). */
export class PreText extends defineVisibleModel("PreText", {
  text: prop.string("", { maxLength: 1_000_000 }),
}) {}
