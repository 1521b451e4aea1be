// Copies the prebuilt GraphiQL and React files, with this folder's page and
// start-up script, to internal/httpapi/graphiql, which the binary embeds:
// /graphiql then loads nothing from the internet (no CDN, no network needed)
// and runs under a Content-Security-Policy of 'self'.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const out = "../../internal/httpapi/graphiql";
const files = {
  "index.html": "index.html",
  "start.js": "start.js",
  "react.production.min.js": "node_modules/react/umd/react.production.min.js",
  "react-dom.production.min.js": "node_modules/react-dom/umd/react-dom.production.min.js",
  "graphiql.min.js": "node_modules/graphiql/graphiql.min.js",
  "graphiql.min.css": "node_modules/graphiql/graphiql.min.css",
  "LICENSE-graphiql": "node_modules/graphiql/LICENSE",
  "LICENSE-react": "node_modules/react/LICENSE",
};
mkdirSync(out, { recursive: true });
for (const name of readdirSync(out)) {
  if (name !== "embed.go" && !(name in files)) rmSync(join(out, name));
}
for (const [name, from] of Object.entries(files)) copyFileSync(from, join(out, name));
console.log(`copied ${Object.keys(files).length} files to ${out}`);
