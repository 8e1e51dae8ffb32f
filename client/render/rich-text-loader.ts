/**
 * Loads the rich-text chunk (rich-text.ts: Markdown and sanitized HTML) once per page, when a
 * Markdown, an Alert or a table of HTML cells is first shown: a page without them never
 * downloads marked or DOMPurify.
 */
type RichText = typeof import("./rich-text.ts");

let loading: Promise<RichText> | undefined;
let loaded: RichText | undefined;

export function loadRichText(): Promise<RichText> {
  loading ??= import("./rich-text.ts").then((module) => (loaded = module));
  return loading;
}

/** The chunk if it is in, else undefined (a table draws its HTML cells once it is). */
export function loadedRichText(): RichText | undefined {
  return loaded;
}

/**
 * Shows `text` as sanitized Markdown in `el` as soon as the chunk is in, unless `current()`
 * says a newer text has come meanwhile. If the chunk cannot load, the text is shown as text.
 */
export function showMarkdown(el: HTMLElement, text: string, current: () => boolean): void {
  loadRichText().then(
    (rich) => {
      if (current()) el.innerHTML = rich.markdownHtml(text);
    },
    (error: unknown) => {
      if (current()) el.textContent = text;
      console.warn("[aperture] Markdown is shown as text: its renderer did not load:", error);
    },
  );
}
