// Page-side half of the browser figures, loaded into the rolling example's page by
// bench/slider.ts. Plain JavaScript on purpose: it runs in the page, not in Node, and the
// project's type check has no DOM library for bench/. Everything is timed with
// performance.now() inside the page.
(() => {
  const PLOT = '[data-aperture-name="plot"]';
  const SLIDER = '[data-aperture-name="window"] input[type=range]';
  /** The two smoothed series the server sent (x and y: a downsampled line's rows change too), by slider value, for the Plotly-alone floor. */
  const seen = new Map();

  function graph() {
    const gd = document.querySelector(`${PLOT} .js-plotly-plot, ${PLOT}.js-plotly-plot`);
    if (!gd || !gd.data || !gd.data[1]) throw new Error("no drawn Plotly graph in the plot's element");
    return gd;
  }

  const last = (array) => array[array.length - 1];

  /**
   * Moves the slider to `value` as a person would (input, then change), and resolves with
   * `[total, arrived]`: the milliseconds until Plotly finished a redraw whose trace 1 (the
   * smoothed line) holds new data from the server, and until the first binary message (its
   * data) after the move arrived (bench/page/arrivals.js; NaN without it).
   */
  function move(value, timeoutMs) {
    const gd = graph();
    const before = gd.data[1].y;
    const input = document.querySelector(SLIDER);
    if (!input) throw new Error("no slider input");
    return new Promise((resolve, reject) => {
      let t0 = 0;
      const timer = setTimeout(() => {
        gd.removeListener("plotly_afterplot", onAfterPlot);
        reject(new Error(`no redraw with new data within ${timeoutMs} ms after moving to ${value}`));
      }, timeoutMs);
      function onAfterPlot() {
        const y = gd.data[1].y;
        if (y === before || last(y) === last(before)) return;
        const elapsed = performance.now() - t0;
        clearTimeout(timer);
        gd.removeListener("plotly_afterplot", onAfterPlot);
        seen.set(value, { x: gd.data[1].x, y });
        const arrival = (window.__apertureArrivals ?? []).find((at) => at >= t0);
        resolve([elapsed, arrival === undefined ? Number.NaN : arrival - t0]);
      }
      gd.on("plotly_afterplot", onAfterPlot);
      t0 = performance.now();
      input.value = String(value);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  /**
   * The floor's Plotly part: `Plotly.react` alone (the page's own Plotly, `window.Plotly`)
   * on a second div of the same size with the same traces and layout, switching trace 1
   * between the two series the server sent. Resolves with each run's milliseconds.
   */
  async function reactAlone(values, warmup, runs) {
    const gd = graph();
    const Plotly = window.Plotly;
    if (!Plotly || typeof Plotly.react !== "function") throw new Error("window.Plotly is missing");
    const series = values.map((value) => seen.get(value));
    if (series.some((y) => y === undefined)) throw new Error("move the slider to each value first");
    const div = document.createElement("div");
    div.style.width = `${gd.clientWidth}px`;
    div.style.height = `${gd.clientHeight}px`;
    document.body.appendChild(div);
    const traces = gd.data.map((trace) => ({ ...trace }));
    const layout = { ...gd.layout, datarevision: 0 };
    await Plotly.newPlot(div, traces, layout, { displaylogo: false });
    const times = [];
    for (let i = -warmup; i < runs; i++) {
      const next = traces.map((trace, index) => (index === 1 ? { ...trace, ...series[Math.abs(i) % series.length] } : trace));
      const nextLayout = { ...layout, datarevision: i + warmup + 1 };
      const t0 = performance.now();
      await Plotly.react(div, next, nextLayout, { displaylogo: false });
      if (i >= 0) times.push(performance.now() - t0);
    }
    Plotly.purge(div);
    div.remove();
    return times;
  }

  /**
   * The floor's network part: a WebSocket of the page's own to a fresh session of the same
   * server (a small one), `ping` → `pong`, each round trip timed.
   */
  async function echo(appUrl, protocol, warmup, runs) {
    const script = await (await fetch(`${appUrl}/autoload.js?points=1000`)).text();
    const match = /var config = (\{.*\});/.exec(script);
    if (!match) throw new Error("autoload.js made no session");
    const config = JSON.parse(match[1]);
    const socket = new WebSocket(`${config.wsUrl}?token=${encodeURIComponent(config.token)}`);
    socket.binaryType = "arraybuffer";
    const messages = [];
    let wake = () => {};
    socket.onmessage = (event) => {
      messages.push(event.data);
      wake();
    };
    const nextMessage = (test) =>
      new Promise((resolve) => {
        const check = () => {
          const index = messages.findIndex(test);
          if (index < 0) return void (wake = check);
          resolve(messages.splice(index, 1)[0]);
        };
        check();
      });
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error("the echo socket failed"));
    });
    socket.send(JSON.stringify({ kind: "hello", protocol }));
    await nextMessage((data) => typeof data !== "string"); // the snapshot: a binary frame
    const times = [];
    for (let i = -warmup; i < runs; i++) {
      const t0 = performance.now();
      socket.send(JSON.stringify({ kind: "ping", t: i }));
      await nextMessage((data) => typeof data === "string" && data.includes('"pong"') && JSON.parse(data).t === i);
      if (i >= 0) times.push(performance.now() - t0);
    }
    socket.close();
    return times;
  }

  window.__apertureBench = { graph: () => graph().data[1].y.length, move, reactAlone, echo };
})();
