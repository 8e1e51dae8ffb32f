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
    // Implementations (and test doubles) of async interfaces (ChannelLayer, JobQueue, Consumer,
    // a CLI command's run, the benchmark child's RPC handlers) stay async although some methods
    // do not await: a thrown error must reach the caller as a rejection (`.rejects`, `.catch`),
    // as it does from the Redis implementations.
    files: [
      "server/channels/in-memory.ts",
      "server/channels/redis.ts",
      "server/channels/consumer.ts",
      "server/jobs/memory-queue.ts",
      "server/commands/gen.ts",
      "server/commands/init.ts",
      "server/cluster/worker.ts",
      "bench/server-child.ts",
      "bench/consumers.ts",
      "test/integration/consumers.test.ts",
      "test/integration/subscriptions.test.ts",
      "test/integration/job-queue-memory.test.ts",
      "test/unit/server/session/inbox.test.ts",
      "test/unit/server/params/view.test.ts",
    ],
    rules: { "@typescript-eslint/require-await": "off" },
  },
  {
    // A vitest matcher takes a method without calling it (`expect(spy.mock.calls)`, `vi.spyOn`).
    // Vitest's asymmetric matchers (`expect.any(String)`, `expect.stringMatching(…)`,
    // `expect.objectContaining(…)`) are typed `any`, and tests read JSON.parse'd frames whole
    // into `toEqual`: assigning or passing those is how an expectation is written, not a leak of
    // `any` into code. Reading members of an `any` (no-unsafe-member-access) stays an error.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
);
