export * from "./source.ts";
export * from "./figure.ts";
export * from "./widgets.ts";
export * from "./layouts.ts";
