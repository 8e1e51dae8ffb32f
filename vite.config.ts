/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { configDefaults } from "vitest/config";

const BENCH_SMOKE = "test/integration/bench-smoke.test.ts";

// The client is one IIFE bundle (`window.Aperture`), loaded once per page by autoload.js.
export default defineConfig({
  root: "client",
  build: {
    outDir: "../dist/client",
    emptyOutDir: false,
    target: "es2022",
    sourcemap: true,
    lib: {
      entry: "index.ts",
      name: "Aperture",
      formats: ["iife"],
      fileName: () => "aperture.js",
    },
  },
  test: {
    root: ".",
    // Two steps of npm test: the unit and integration tests, then the benchmark's smoke run
    // on its own (it starts servers and Chromium and reads their figures).
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"], exclude: [...configDefaults.exclude, BENCH_SMOKE] } },
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
