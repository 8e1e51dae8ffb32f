/** The files `aperture init <dir>` writes: a project that serves, tests and type-checks at once. */

export interface ScaffoldOptions {
  /** The project's package name. */
  name: string;
  /** How its package.json names the aperture dependency (`^0.1.0`, a tarball path, `file:…`). */
  aperture: string;
  /** Versions of the dev tools, as this package uses them. */
  devDependencies: Record<string, string>;
}

const APP = `import { ColumnDataSource, Slider, column, figure, type Document } from "aperture";

const x = Array.from({ length: 200 }, (_, i) => i / 20);

/** The wave for frequency \`k\`; shared by the page and the test. */
export const wave = (k: number): number[] => x.map((value) => Math.sin(k * value));

/** Runs once per page: builds that page's document. */
export default function app(doc: Document): void {
  const source = new ColumnDataSource({ name: "source", data: { x, y: wave(1) } });
  const plot = figure({ title: "sin(k·x)", name: "plot", height: 320 });
  plot.line("x", "y", { source, lineWidth: 2 });

  const k = new Slider({ name: "k", title: "k", start: 1, end: 10, step: 1, value: 1 });
  k.onChange("value", (_attr, _old, value) => {
    source.data = { x, y: wave(value) };
  });

  doc.addRoot(column(k, plot));
}
`;

const TEST = `import assert from "node:assert/strict";
import { test } from "node:test";
import { openSession } from "aperture/testing";
import app, { wave } from "../app.js";

test("moving the slider redraws the wave at the new frequency", async () => {
  const session = await openSession(app);
  session.set("k", "value", 3);
  await session.settled();
  assert.deepEqual(session.column("source", "y"), wave(3));
  session.close();
});

test("the page cannot move the slider past its end", async () => {
  const session = await openSession(app);
  assert.throws(() => session.set("k", "value", 11), /outside/);
  session.close();
});
`;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023"],
    types: ["node"],
    strict: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    skipLibCheck: true,
  },
  include: ["app.ts", "test"],
};

function packageJson(options: ScaffoldOptions): object {
  return {
    name: options.name,
    version: "0.1.0",
    private: true,
    type: "module",
    scripts: {
      start: "aperture serve app.ts",
      dev: "aperture serve app.ts --dev",
      test: "tsc -p . && node --import tsx --test test/app.test.ts",
    },
    dependencies: { aperture: options.aperture },
    devDependencies: options.devDependencies,
  };
}

const readme = (name: string) => `# ${name}

An [Aperture](https://www.npmjs.com/package/aperture) app: \`app.ts\` builds each page's
document (a slider and a plot); moving the slider runs its callback on the server.

\`\`\`sh
npm install
npm start        # serves http://127.0.0.1:5006/app (npm run dev reloads the page on save)
npm test         # type-checks, then tests the app without a browser (aperture/testing)
\`\`\`
`;

/** Path → contents. */
export function scaffoldFiles(options: ScaffoldOptions): Record<string, string> {
  return {
    "package.json": `${JSON.stringify(packageJson(options), null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify(TSCONFIG, null, 2)}\n`,
    "app.ts": APP,
    "test/app.test.ts": TEST,
    "README.md": readme(options.name),
    ".gitignore": "node_modules/\n",
  };
}
