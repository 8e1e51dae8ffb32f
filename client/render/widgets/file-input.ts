/**
 * FileInput: reads the chosen files and writes `value` (base64 text, or bytes with `binary`),
 * `filename` and `mimeType` in one patch. A file over `maxSize` is not sent; the widget says so.
 */
import type { Value } from "../../../server/protocol/index.ts";
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asNumber, asString } from "../values.ts";

function base64Of(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function renderFileInput(ctx: RenderContext): View {
  const title = h("span", { className: "aperture-title" });
  const input = h("input", { type: "file" });
  const problem = h("span", { className: "aperture-field-error", hidden: true });
  const el = h("div", { className: "aperture-widget aperture-file-input" }, h("label", {}, title, input), problem);
  const send = async () => {
    const files = Array.from(input.files ?? []);
    const maxSize = asNumber(ctx.attr("maxSize"), 0);
    const tooBig = files.find((file) => file.size > maxSize);
    problem.hidden = tooBig === undefined;
    if (tooBig !== undefined) {
      problem.textContent = `${tooBig.name} is ${tooBig.size} bytes; the limit is ${maxSize}.`;
      return;
    }
    const binary = asBoolean(ctx.attr("binary"));
    const values: Value[] = await Promise.all(
      files.map(async (file) => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        return binary ? bytes : base64Of(bytes);
      }),
    );
    const many = asBoolean(ctx.attr("multiple"));
    const pick = <T extends Value>(list: T[]): Value => (many ? list : (list[0] ?? ""));
    ctx.update({ value: pick(values), filename: pick(files.map((file) => file.name)), mimeType: pick(files.map((file) => file.type)) });
  };
  input.addEventListener("change", () => void send());
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      assign(input, "accept", asString(ctx.attr("accept")));
      assign(input, "multiple", asBoolean(ctx.attr("multiple")));
      assign(input, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}
