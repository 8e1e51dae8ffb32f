import { describe, expect, it } from "vitest";
import { FileInput } from "../../../../server/models/index.ts";
import { outcome } from "../../../helpers/client-writes.ts";

describe("FileInput", () => {
  it("takes a file as base64 text (Bokeh's) and gives its bytes back", () => {
    const input = new FileInput();
    expect(outcome(input, "value", "aGVsbG8=")).toBe("accepted");
    input.value = "aGVsbG8=";
    expect(new TextDecoder().decode(input.bytes()[0])).toBe("hello");
  });

  it("takes a file as a binary buffer", () => {
    const input = new FileInput({ binary: true });
    expect(outcome(input, "value", new Uint8Array([1, 2, 3]))).toBe("accepted");
    input.value = new Uint8Array([1, 2, 3]);
    expect(input.bytes()).toEqual([new Uint8Array([1, 2, 3])]);
  });

  it("refuses a file larger than maxSize, as text or bytes", () => {
    const input = new FileInput({ maxSize: 4 });
    expect(outcome(input, "value", "aGVsbA==")).toBe("accepted");
    expect(outcome(input, "value", "aGVsbG8=")).toBe("PATCH_BAD_VALUE");
    expect(outcome(input, "value", new Uint8Array(5))).toBe("PATCH_BAD_VALUE");
  });

  it("refuses text that is not base64, and other typed arrays", () => {
    expect(outcome(new FileInput(), "value", "not base64!")).toBe("PATCH_BAD_VALUE");
    expect(outcome(new FileInput(), "value", new Float64Array(2))).toBe("PATCH_BAD_VALUE");
    expect(outcome(new FileInput(), "maxSize", 10)).toBe("PATCH_NOT_WRITABLE");
  });

  it("takes several files with their names and types", () => {
    const input = new FileInput({ multiple: true });
    expect(outcome(input, "value", ["YQ==", "Yg=="])).toBe("accepted");
    expect(outcome(input, "filename", ["a.txt", "b.txt"])).toBe("accepted");
    expect(outcome(input, "mimeType", [1])).toBe("PATCH_BAD_VALUE");
  });
});
