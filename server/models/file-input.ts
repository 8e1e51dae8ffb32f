/**
 * Bokeh's FileInput: the page reads the chosen file(s) and writes `value` (base64 text, as
 * Bokeh, or a binary buffer with `binary: true`), `filename` and `mimeType` in one patch.
 * Each file is bounded by `maxSize` bytes, checked in the page and again on the server.
 */
import { isTypedArray } from "../protocol/index.ts";
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";
import { checkStrings, custom } from "./checks.ts";

const writable = { clientWritable: true } as const;
/** The most one file can be: its base64 text must fit in one client frame (1 MiB). */
export const FILE_INPUT_MAX_SIZE = 700_000;

export type FileValue = string | Uint8Array;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function checkFile(file: unknown, maxSize: number): string | undefined {
  if (file instanceof Uint8Array) return file.length > maxSize ? `a file of ${file.length} bytes exceeds maxSize ${maxSize}` : undefined;
  if (isTypedArray(file)) return "expected bytes (a Uint8Array)";
  if (typeof file !== "string" || file.length % 4 !== 0 || !BASE64.test(file)) return "expected base64 text or bytes";
  const bytes = (file.length / 4) * 3 - (file.endsWith("==") ? 2 : file.endsWith("=") ? 1 : 0);
  return bytes > maxSize ? `a file of ${bytes} bytes exceeds maxSize ${maxSize}` : undefined;
}

function checkFiles(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  const maxSize = typeof attrs.maxSize === "number" ? attrs.maxSize : FILE_INPUT_MAX_SIZE;
  const files = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length > 100) return "more than 100 files";
  for (const file of files) {
    const problem = checkFile(file, maxSize);
    if (problem) return problem;
  }
  return undefined;
}

const names = () =>
  custom<string | string[]>(
    "",
    (value) =>
      typeof value === "string" ? (value.length > 1000 ? "name too long" : undefined) : checkStrings(value, { max: 100, maxLength: 1000 }),
    writable,
  );

/**
 * @example new FileInput({ accept: ".csv,text/csv" }).onChange("value", () => parse(input.bytes()[0]))
 */
export class FileInput extends defineVisibleModel("FileInput", {
  title: prop.string(""),
  /** What the chooser offers: extensions and MIME types, as `<input accept>`. */
  accept: prop.string(""),
  multiple: prop.boolean(false),
  /** Send the file as a binary buffer instead of base64 text. */
  binary: prop.boolean(false),
  maxSize: prop.number(FILE_INPUT_MAX_SIZE, { min: 0, max: FILE_INPUT_MAX_SIZE, integer: true }),
  value: custom<FileValue | FileValue[]>("", checkFiles, writable),
  filename: names(),
  mimeType: names(),
  disabled: prop.boolean(false),
}) {
  /** The chosen files' bytes, however they travelled. */
  bytes(): Uint8Array[] {
    const value = this.value;
    const files = Array.isArray(value) ? value : value === "" ? [] : [value];
    return files.map((file) => (typeof file === "string" ? Uint8Array.from(Buffer.from(file, "base64")) : file));
  }
}
