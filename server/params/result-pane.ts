/** Where a view's or a bound function's latest result is shown: a model as it is, text in a Div, nothing otherwise. */
import type { Document } from "../document/document.ts";
import { isModel, type Model } from "../document/model.ts";
import { Column } from "../models/layouts.ts";
import { Div } from "../models/widgets.ts";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export class ResultPane {
  #layout: Column | undefined;
  #text: Div | undefined;
  #value: unknown;

  /** The column, made the first time it is asked for (a result nobody shows costs no models). */
  get model(): Column {
    if (!this.#layout) {
      this.#layout = new Column({ children: [] });
      this.show(this.#value);
    }
    return this.#layout;
  }

  /** The document showing the result, if any: where failures of async runs are reported. */
  get document(): Document | undefined {
    return this.#layout?.document ?? (isModel(this.#value) ? this.#value.document : undefined);
  }

  show(value: unknown): void {
    this.#value = value;
    if (!this.#layout) return;
    let children: Model[] = [];
    if (isModel(value)) children = [value];
    else if (typeof value === "string" || typeof value === "number") {
      this.#text ??= new Div();
      this.#text.text = escapeHtml(String(value));
      children = [this.#text];
    }
    this.#layout.children = children;
  }
}
