/**
 * AutocompleteInput: a text field whose completions (those matching what was typed, after
 * `minCharacters`) are offered in a list. With `restrict`, a value that is no completion is
 * not sent and the field goes back to the document's value.
 */
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asNumber, asString } from "../values.ts";
import { stringsOf } from "./groups.ts";

let lists = 0;

/** The completions to offer for `typed`, as the model's options say. */
export function matchingCompletions(
  completions: readonly string[],
  typed: string,
  options: { caseSensitive: boolean; strategy: string; max?: number },
): string[] {
  const fold = (text: string) => (options.caseSensitive ? text : text.toLowerCase());
  const needle = fold(typed);
  const found = completions.filter((completion) =>
    options.strategy === "includes" ? fold(completion).includes(needle) : fold(completion).startsWith(needle),
  );
  return options.max === undefined ? found : found.slice(0, options.max);
}

export function renderAutocompleteInput(ctx: RenderContext): View {
  const title = h("span", { className: "aperture-title" });
  const list = h("datalist", { id: `aperture-completions-${++lists}` });
  const input = h("input", { type: "text", autocomplete: "off" });
  input.setAttribute("list", list.id);
  const el = h("div", { className: "aperture-widget aperture-autocomplete" }, h("label", {}, title, input), list);
  const completions = () => stringsOf(ctx.attr("completions"));
  input.addEventListener("input", () => {
    const typed = input.value;
    const offered =
      typed.length < asNumber(ctx.attr("minCharacters"), 2)
        ? []
        : matchingCompletions(completions(), typed, {
            caseSensitive: ctx.attr("caseSensitive") !== false,
            strategy: asString(ctx.attr("searchStrategy"), "starts_with"),
            max: typeof ctx.attr("maxCompletions") === "number" ? (ctx.attr("maxCompletions") as number) : undefined,
          });
    list.replaceChildren(...offered.map((completion) => h("option", { value: completion })));
  });
  input.addEventListener("change", () => {
    const restricted = ctx.attr("restrict") !== false && input.value !== "" && !completions().includes(input.value);
    if (restricted) input.value = asString(ctx.attr("value"));
    else ctx.set("value", input.value);
  });
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      assign(input, "value", asString(ctx.attr("value")));
      assign(input, "placeholder", asString(ctx.attr("placeholder")));
      assign(input, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}
