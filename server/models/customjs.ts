/**
 * Bokeh's CustomJS: code the author writes that runs in the page, with named `args` (models
 * as live objects, or plain values), `cb_obj` (the model that triggered it) and `cb_data`
 * (an event's payload). Attached with `model.jsOnChange`, `model.jsOnEvent` or made by
 * `a.jsLink(...)`. The author's code is trusted; nothing is client-writable here, so a page
 * can neither create nor change one. See docs/plotting.md, "Callbacks in the page".
 */
import { CLIENT_WRITABLE, defineModel, isModel, setJsLinkFactory, type InitOf, type JsCallback, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { isPlainObject } from "../protocol/index.ts";
import { checkStrings } from "./checks.ts";

/** Names the code's function already has: an argument of one of these names would hide it. */
const RESERVED = new Set(["cb_obj", "cb_data", "args", "this"]);
const IDENTIFIER = /^[A-Za-z_$][\w$]{0,63}$/;

const plainValue = prop.json(null).check;

/** `{ name: model or JSON value }`, each name one the code can use. */
function checkArgs(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  if (!isPlainObject(value)) return "expected { name: model or value }";
  const entries = Object.entries(value);
  if (entries.length > 100) return "more than 100 arguments";
  for (const [name, item] of entries) {
    if (!IDENTIFIER.test(name) || RESERVED.has(name))
      return `${JSON.stringify(name.slice(0, 40))} is not a JavaScript name the code may use`;
    const problem = isModel(item) ? undefined : plainValue(item, attrs);
    if (problem) return `${name}: ${problem}`;
  }
  return undefined;
}

const customJsProps = {
  /** Names in scope for the code: models (live in the page) or plain values. */
  args: { ...prop.refMap<unknown>(), check: checkArgs },
  code: prop.string("", { maxLength: 200_000 }),
  /** The models this callback listens to, and on what (`"change:value"`, `"event:click"`), pairwise. */
  triggerModels: prop.refs<Model>(),
  triggers: { ...prop.json<string[]>(() => []), check: (value: unknown) => checkStrings(value, { max: 1_000, maxLength: 100 }) },
  /**
   * The attributes a page may write, per model type: what the code assigns to one of those is
   * sent to the server as a person's edit; anything else changes the page only (as in Bokeh,
   * where the page owns what it draws until the server says otherwise).
   */
  clientWritable: prop.json<Record<string, string[]>>(() =>
    Object.fromEntries([...CLIENT_WRITABLE].map(([type, attrs]) => [type, [...attrs]])),
  ),
};

export class CustomJS extends defineModel("CustomJS", customJsProps) implements JsCallback {
  constructor(init: InitOf<typeof customJsProps> = {}) {
    super(init);
  }

  listenTo(model: Model, trigger: string): void {
    const models = this.triggerModels;
    const triggers = this.triggers;
    const known = models.findIndex((other, index) => other === model && triggers[index] === trigger);
    if (known >= 0) return;
    this.triggerModels = [...models, model];
    this.triggers = [...triggers, trigger];
  }
}

setJsLinkFactory(
  (other, otherAttr, attr) =>
    new CustomJS({ args: { other }, code: `other[${JSON.stringify(otherAttr)}] = cb_obj[${JSON.stringify(attr)}];` }),
);
