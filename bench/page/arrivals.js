// Installed before the page's own scripts (page.addInitScript) by bench/slider.ts: records in
// window.__apertureArrivals the page's performance.now() of every WebSocket message, so a slider
// move's time splits into "data arrived in the page" and "arrived → repainted" (the drawing).
(() => {
  const arrivals = [];
  window.__apertureArrivals = arrivals;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => {
        arrivals.push(performance.now());
        if (arrivals.length > 1000) arrivals.splice(0, 500);
      });
    }
  };
})();
