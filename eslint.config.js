// ESLint: typescript-eslint's type-checked recommended rules over the TypeScript sources
// (each file checked with the tsconfig that includes it), the plain recommended ones for JS.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test-results/", "playwright-report/", "bench/results/", ".scratch/"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    // A leading underscore marks a parameter kept for its position (a hook's signature).
    rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }] },
    languageOptions: {
      parserOptions: {
        project: ["./tsconfig.json", "./client/tsconfig.json", "./test/browser/tsconfig.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Scripts the benchmark injects into Chromium pages.
    files: ["bench/page/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // A vitest matcher takes a method without calling it (`expect(spy.mock.calls)`, `vi.spyOn`).
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/unbound-method": "off" },
  },
);
