import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/widgets"]);
});
test.afterAll(() => server.close());

const named = (page: Page, name: string) => page.locator(`[data-aperture-name="${name}"]`);

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 1100 });
  await page.goto(server.appUrls.widgets!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

/** The server's log line for a widget: what its callback received. */
const expectReceived = (page: Page, name: string, value: unknown) =>
  expect(named(page, "log")).toContainText(`${name}: ${JSON.stringify(value)}`);

test("clicked checkboxes, check buttons, radio buttons and the switch reach the server", async ({ page }) => {
  await open(page);
  await named(page, "checkboxes").getByText("Pears").click();
  await expectReceived(page, "checkboxes", [0, 1]);
  await named(page, "checkbox-buttons").getByText("Italic").click();
  await expectReceived(page, "checkbox-buttons", [1]);
  await named(page, "radio-buttons").getByText("Week").click();
  await expectReceived(page, "radio-buttons", 1);
  await expect(named(page, "radio-buttons").getByText("Week")).toHaveAttribute("aria-pressed", "true");
  await named(page, "switch").click();
  await expectReceived(page, "switch", true);
});

test("typed numbers, text, a password and a completion reach the server", async ({ page }) => {
  await open(page);
  await named(page, "spinner").locator("input").fill("2.5");
  await named(page, "spinner").locator("input").press("Tab");
  await expectReceived(page, "spinner", 2.5);
  await named(page, "numeric").locator("input").fill("42");
  await named(page, "numeric").locator("input").press("Tab");
  await expectReceived(page, "numeric", 42);
  await expect(named(page, "numeric").locator("input")).toHaveValue("42.00");
  await named(page, "textarea").locator("textarea").fill("two\nlines");
  await named(page, "textarea").locator("textarea").press("Tab");
  await expectReceived(page, "textarea", "two\nlines");
  await named(page, "password").locator("input").fill("s3cret");
  await named(page, "password").locator("input").press("Tab");
  await expectReceived(page, "password", "s3cret");
  await named(page, "autocomplete").locator("input").fill("France");
  await named(page, "autocomplete").locator("input").press("Tab");
  await expectReceived(page, "autocomplete", "France");
});

test("picked choices, days, a date-time, a colour and a grouped option reach the server", async ({ page }) => {
  await open(page);
  await named(page, "multichoice").locator("select").selectOption("green");
  await expectReceived(page, "multichoice", ["red", "green"]);
  await named(page, "date-slider").locator("input").press("ArrowRight");
  await expectReceived(page, "date-slider", "2024-06-02");
  await named(page, "date-range").getByLabel("low").press("ArrowRight");
  await expectReceived(page, "date-range", ["2024-03-02", "2024-09-30"]);
  await named(page, "datetime").locator("input").fill("2024-05-02T10:15:30");
  await expectReceived(page, "datetime", "2024-05-02T10:15:30");
  await named(page, "color").locator("input").fill("#ff8800");
  await expectReceived(page, "color", "#ff8800");
  await named(page, "grouped").locator("select").selectOption("leek");
  await expectReceived(page, "grouped", "leek");
  await expect(named(page, "grouped").locator("optgroup")).toHaveCount(2);
});

test("an uploaded file reaches the server as its bytes, and one over maxSize is not sent", async ({ page }) => {
  await open(page);
  await named(page, "file")
    .locator("input")
    .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello file") });
  await expectReceived(page, "file-bytes", ["hello file"]);
  await expectReceived(page, "file", "notes.txt");
  await named(page, "file")
    .locator("input")
    .setInputFiles({ name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(100_001) });
  await expect(named(page, "file").locator(".aperture-field-error")).toContainText("big.txt is 100001 bytes");
  await expect(named(page, "log")).not.toContainText("big.txt");
});

test("a slider moved by keys sends valueThrottled, and a value off its step comes back snapped", async ({ page }) => {
  await open(page);
  await named(page, "slider").locator("input").press("ArrowRight");
  await expectReceived(page, "slider", 55);
  const id = await named(page, "slider").getAttribute("data-aperture-id");
  await page.evaluate((model) => {
    (window as unknown as { Aperture: { documents: { update(id: string, attrs: object): void }[] } }).Aperture.documents[0]!.update(
      model!,
      { value: 62, valueThrottled: 62 },
    );
  }, id);
  await expectReceived(page, "slider", 60);
  await expect(named(page, "slider").locator(".aperture-readout")).toHaveText("60");
});

test("the dropdown sends the chosen item, and the card and accordion tell the server they folded", async ({ page }) => {
  await open(page);
  await named(page, "dropdown").getByRole("button", { name: "Export" }).click();
  await named(page, "dropdown").getByRole("menuitem", { name: "Excel" }).click();
  await expectReceived(page, "dropdown", "xlsx");
  await expect(named(page, "dropdown").locator(".aperture-menu")).toBeHidden();
  await named(page, "card").getByRole("button", { name: "A card" }).click();
  await expectReceived(page, "card", true);
  await expect(named(page, "card").locator(".aperture-card-body")).toBeHidden();
  await named(page, "accordion").getByRole("button", { name: "First" }).click();
  await expectReceived(page, "accordion", [0]);
  await expect(named(page, "accordion").getByText("One")).toBeVisible();
  await expect(named(page, "accordion").getByText("Two")).toBeHidden();
});

test("doc.notify shows a toast, and dismissing it removes it", async ({ page }) => {
  await open(page);
  await named(page, "notify").click();
  const toast = page.locator(".aperture-toast");
  await expect(toast).toContainText("A new dam has been added");
  await expect(toast).toHaveClass(/aperture-toast-success/);
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(toast).toHaveCount(0);
});

test("Paragraph and PreText show text as text, and the alert shows sanitized Markdown", async ({ page }) => {
  await open(page);
  await expect(named(page, "card").locator("p")).toHaveText("Fold me: <b>not bold</b>, text stays text.");
  await expect(named(page, "alert").locator("strong")).toHaveText("Heads up:");
});

test("doc.title is the page's title, and changes live", async ({ page }) => {
  await open(page);
  await expect(page).toHaveTitle("Widgets");
  await named(page, "page-title").locator("input").fill("Renamed live");
  await named(page, "page-title").locator("input").press("Enter");
  await expect(page).toHaveTitle("Renamed live");
});

test("common attributes reach the element: classes, styles and margin, and visible hides it live", async ({ page }) => {
  await open(page);
  const styled = named(page, "styled");
  await expect(styled).toHaveClass(/\bnote\b/);
  await expect(styled).toHaveCSS("background-color", "rgb(255, 238, 170)");
  await expect(styled).toHaveCSS("margin", "4px 8px");
  await named(page, "hide").click();
  await expect(styled).toBeHidden();
  await named(page, "hide").click();
  await expect(styled).toBeVisible();
});
