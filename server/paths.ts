/**
 * Where this package's own files are, whether it runs from its sources (`server/*.ts`, a
 * checkout) or built (`dist/server/*.js`, an installed package).
 */
import { fileURLToPath } from "node:url";

const built = import.meta.url.endsWith(".js");

/** The package's folder (the one with package.json, bin/ and dist/). */
export const PACKAGE_ROOT = fileURLToPath(new URL(built ? "../../" : "../", import.meta.url));

/** The built client bundle, served at `<prefix>/static`. */
export const CLIENT_DIR = `${PACKAGE_ROOT}dist/client/`;
