import { describe, expect, it } from "vitest";
import { CLOSE_CODES, isRestartClose, reconnectingText } from "../../../../server/protocol/index.ts";

describe("isRestartClose", () => {
  it("is true only for 4010, the server restarting and telling its pages to come back", () => {
    expect(isRestartClose(CLOSE_CODES.shuttingDown)).toBe(true);
    for (const code of [1000, 1001, 1006, ...Object.values(CLOSE_CODES).filter((c) => c !== 4010)]) {
      expect(isRestartClose(code)).toBe(false);
    }
  });
});

describe("reconnectingText", () => {
  it("says the server is restarting after 4010, and that the connection was lost otherwise", () => {
    expect(reconnectingText(isRestartClose(4010))).toBe("Server restarting, reconnecting…");
    expect(reconnectingText(isRestartClose(1006))).toBe("Connection lost, reconnecting…");
  });
});
