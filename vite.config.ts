/// <reference types="vitest/config" />
import { defineConfig } from "vite";

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
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
