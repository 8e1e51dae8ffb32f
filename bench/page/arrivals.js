// Installed before the page's own scripts (page.addInitScript) by bench/slider.ts: records in
// window.__apertureArrivals the page's performance.now() of every binary WebSocket message (one
// carrying columns: the data of a slider move), so a move's time splits into "data arrived in
// the page" and "arrived → repainted" (the drawing). Text frames (acks) are left out: the ack of
// the previous move's valueThrottled write can arrive after the next move starts.
(() => {
  const arrivals = [];
  window.__apertureArrivals = arrivals;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") return;
        arrivals.push(performance.now());
        if (arrivals.length > 1000) arrivals.splice(0, 500);
      });
    }
  };
})();
