import { describe, expect, it } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import type { Notification } from "../../../../server/document/engine.ts";

function watched() {
  const doc = new Document();
  const notifications: Notification[] = [];
  engineOf(doc).connect({ notify: (notification) => notifications.push(notification) });
  return { doc, notifications };
}

describe("Document (Bokeh's and Panel's author API)", () => {
  describe("#notify", () => {
    it("sends a toast with Panel's defaults: info, 3000 ms", () => {
      const { doc, notifications } = watched();
      doc.notify("A new dam has been added");
      doc.notify("Saved", { level: "success", duration: 0 });
      expect(notifications).toEqual([
        { message: "A new dam has been added", level: "info", duration: 3000 },
        { message: "Saved", level: "success", duration: 0 },
      ]);
    });

    it("refuses an unknown level or a negative duration, and cuts long messages", () => {
      const { doc, notifications } = watched();
      expect(() => doc.notify("x", { level: "loud" as never })).toThrow(/level/);
      expect(() => doc.notify("x", { duration: -1 })).toThrow(/duration/);
      doc.notify("y".repeat(5000));
      expect(notifications.map((n) => n.message.length)).toEqual([1000]);
    });
  });
});
