export * from "./source.ts";
export * from "./figure.ts";
export * from "./widgets.ts";
export * from "./inputs.ts";
export * from "./markup.ts";
export * from "./table.ts";
export * from "./layouts.ts";
export * from "./palettes.ts";
export { EventPayloadError } from "./events.ts";
