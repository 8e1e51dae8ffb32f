#!/usr/bin/env node
// The CLI and the apps it serves are TypeScript: register tsx's loader, then run the CLI.
import { register } from "tsx/esm/api";

register();
await import("../server/cli.ts");
