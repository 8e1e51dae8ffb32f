/**
 * The seed's dam inventory, live: a form posts an item to an Express route, which tells the
 * "notifications" group; every open page (in every process, through Redis) adds it to its
 * list and plot, and the other pages show "A new item has been added". The page is a Bokeh-style
 * template: the handler's `doc.title` and `doc.templateVariables` fill it when it is requested.
 */
import { randomUUID } from "node:crypto";
import express, { type Router } from "express";
import { ColumnDataSource, Div, column, figure, getChannelLayer, row, type Document } from "aperture";
import { GROUP, inventory, isItemAdded, parseItem, type Item } from "./store.ts";

export const title = "Notifications: a shared dam inventory";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const listHtml = (items: readonly Item[]) =>
  items.length === 0
    ? "<p><em>No dams yet: add one.</em></p>"
    : `<ol>${items.map((item) => `<li>${escape(item.name)}: ${item.height} m</li>`).join("")}</ol>`;

export default async function notifications(doc: Document): Promise<void> {
  const items = [...(await inventory())];
  const source = new ColumnDataSource({ data: { name: items.map((i) => i.name), height: Float64Array.from(items, (i) => i.height) } });
  const plot = figure({ title: "Dam heights", xAxisType: "category", yAxisLabel: "Height (m)", height: 300, name: "plot" });
  plot.vbar("name", "height", { source, color: "#2b7a78" });
  const list = new Div({ name: "list", text: listHtml(items) });
  const notice = new Div({ name: "notice", text: "" });

  await doc.session.subscribe(GROUP, (message) => {
    if (!isItemAdded(message)) return;
    items.push(message.item);
    source.stream({ name: [message.item.name], height: [message.item.height] });
    list.text = listHtml(items);
    if (message.origin !== doc.session.id) {
      notice.text = `<div class="notice" role="status">A new item has been added: <b>${escape(message.item.name)}</b></div>`;
    }
  });
  doc.title = "Dam inventory";
  doc.templateVariables.count = items.length;
  doc.addRoot(column(notice, row(list, plot)));
}

/** POST /notifications/items { name, height, origin? }: checked, then told to the group. */
export function routes(router: Router): void {
  router.post("/items", express.json({ limit: "4kb" }), async (request, response) => {
    const parsed = parseItem(request.body);
    if (!parsed.ok) return void response.status(400).json({ error: parsed.message });
    const item: Item = { id: randomUUID(), name: parsed.name, height: parsed.height, addedAt: Date.now() };
    const { origin: claimed } = request.body as { origin?: unknown };
    const origin = typeof claimed === "string" ? claimed.slice(0, 64) : "";
    await getChannelLayer().groupSend(GROUP, { type: "item.added", item: { ...item }, origin });
    response.status(201).json(item);
  });
}

/** The page (Bokeh's template): the form beside the live document, at `{{ embed }}`. */
export const template = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title><link rel="icon" href="data:,">
<style>
body{font-family:system-ui,sans-serif;margin:24px;max-width:1100px}
form{display:flex;gap:8px;align-items:end;margin:12px 0}
label{display:flex;flex-direction:column;font-size:.9rem}
input,button{font:inherit;padding:6px 8px}
.notice{background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;border-radius:6px}
#form-error{color:#82071e}
</style></head>
<body>
<h1>{{ title }}</h1>
<p id="count">{{ count }} dams in the inventory when this page opened; new ones appear below as they are added.</p>
<form id="add-item">
  <label>Name <input name="name" required maxlength="80"></label>
  <label>Height (m) <input name="height" type="number" min="1" max="400" step="any" required></label>
  <button type="submit">Add dam</button>
  <span id="form-error" role="alert"></span>
</form>
{{ embed }}
<script>
document.getElementById("add-item").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const origin = window.Aperture && window.Aperture.documents[0] ? window.Aperture.documents[0].sessionId : "";
  const response = await fetch(location.pathname.replace(/\\/$/, "") + "/items", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: form.name.value, height: form.height.value, origin }),
  });
  document.getElementById("form-error").textContent = response.ok ? "" : (await response.json()).error;
  if (response.ok) form.reset();
});
</script>
</body></html>`;
