import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import { precompress, stripPlotlyDescriptions } from "./vite.plugins.ts";

const BENCH_SMOKE = "test/integration/bench-smoke.test.ts";

const OUT_DIR = fileURLToPath(new URL("./dist/client/", import.meta.url));

/**
 * The client is ES modules with hashed names: the entry (`aperture-<hash>.js`: connection,
 * document, widgets) and the plotly chunk it imports when a page has a figure
 * (`plotly-<hash>.js`, client/render/plotly-bundle.ts). `.vite/manifest.json` is how the
 * server finds both (server/http/client-files.ts).
 */
export default defineConfig({
  root: "client",
  base: "./",
  resolve: {
    // plotly's registry requires maplibre's CSS for map traces, which the bundle has none of.
    alias: { "maplibre-gl/dist/maplibre-gl.css": "data:text/javascript," },
  },
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    manifest: true,
    modulePreload: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: fileURLToPath(new URL("./client/index.ts", import.meta.url)),
      // The entry may export what the plotly chunk shares with it: no facade chunk, one request less.
      preserveEntrySignatures: "allow-extension",
      output: {
        entryFileNames: "aperture-[hash].js",
        chunkFileNames: (chunk) => `${chunk.name === "plotly-bundle" ? "plotly" : chunk.name}-[hash].js`,
      },
    },
  },
  plugins: [stripPlotlyDescriptions(), precompress(OUT_DIR)],
  test: {
    root: ".",
    // Two steps of npm test: the unit and integration tests, then the benchmark's smoke run
    // on its own (it starts servers and Chromium and reads their figures).
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
          exclude: [...configDefaults.exclude, BENCH_SMOKE],
        },
      },
      { extends: true, test: { name: "bench-smoke", include: [BENCH_SMOKE], testTimeout: 180_000, hookTimeout: 120_000 } },
    ],
    // Tests run the sources: "aperture" (as the examples import it) is server/, not dist/.
    alias: [
      { find: /^aperture$/, replacement: fileURLToPath(new URL("./server/index.ts", import.meta.url)) },
      { find: /^aperture\/(channels|jobs|params|testing)$/, replacement: fileURLToPath(new URL("./server/$1/index.ts", import.meta.url)) },
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
