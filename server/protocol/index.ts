export * from "./json.ts";
export * from "./json-pointer.ts";
export * from "./messages.ts";
export * from "./errors.ts";
export * from "./frame.ts";
export * from "./decode.ts";
export * from "./markers.ts";
export * from "./requests.ts";
