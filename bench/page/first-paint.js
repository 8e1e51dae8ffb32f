// Installed before the page's own scripts (page.addInitScript) by bench/page-load.ts. Records
// in window.__apertureLoad the page's performance.now() (ms since navigation start) of:
//   html       the page's HTML finished downloading (navigation timing)
//   bundle     the client bundle finished downloading (resource timing)
//   plotly     the plotly chunk finished downloading (resource timing)
//   evaluated  the bundle finished running (it assigns window.Aperture last)
//   socketOpen the page's WebSocket opened
//   snapshot   the first binary frame (the document snapshot) arrived on a socket
//   firstPaint just after the first frame that painted the plot with all its points: a
//              frame's requestAnimationFrame callbacks run before it paints, a task queued
//              from one runs after.
(() => {
  const points = Number(new URLSearchParams(location.search).get("points") ?? 10000);
  const PLOT = '[data-aperture-name="plot"]';
  const marks = {};
  window.__apertureLoad = marks;

  let aperture;
  Object.defineProperty(window, "Aperture", {
    configurable: true,
    get: () => aperture,
    set: (value) => {
      aperture = value;
      marks.evaluated ??= performance.now();
    },
  });

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", () => (marks.socketOpen ??= performance.now()));
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") marks.snapshot ??= performance.now();
      });
    }
  };

  function drawn() {
    const gd = document.querySelector(`${PLOT} .js-plotly-plot, ${PLOT}.js-plotly-plot`);
    if (!gd || !gd.data || !gd.data[0] || !gd.data[0].y || gd.data[0].y.length !== points) return false;
    const line = gd.querySelector(".scatterlayer .trace path.js-line");
    return line !== null && (line.getAttribute("d") ?? "").length > 0;
  }
  function check() {
    if (!drawn()) return void requestAnimationFrame(check);
    setTimeout(() => {
      const resources = performance.getEntriesByType("resource");
      const loaded = (pattern) => resources.find((entry) => pattern.test(entry.name))?.responseEnd;
      marks.html = performance.getEntriesByType("navigation")[0]?.responseEnd;
      marks.bundle = loaded(/\/static\/aperture-[\w-]+\.js$/);
      marks.plotly = loaded(/\/static\/plotly-[\w-]+\.js$/);
      marks.firstPaint = performance.now();
    }, 0);
  }
  requestAnimationFrame(check);
})();
