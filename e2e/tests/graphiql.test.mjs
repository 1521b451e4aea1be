// GraphiQL at /graphiql is served from the binary: it must start with no
// internet access, load nothing from another origin, and break none of its
// own Content-Security-Policy (issue 17, point 9).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { baseURL, freshPage, launch, screenshot } from "../browser.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("GraphiQL starts from the server's own files and reads the schema", async () => {
  const page = await freshPage(browser);
  const elsewhere = [];
  const problems = [];
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL) && !url.startsWith("data:") && !url.startsWith("blob:")) elsewhere.push(url);
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("response", (res) => {
    // The browser asks for /favicon.ico by itself; the server has none.
    if (res.status() >= 400 && !res.url().endsWith("/favicon.ico")) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on("pageerror", (err) => problems.push(err.message));

  await page.goto("/graphiql");
  await page.locator(".graphiql-container").waitFor({ timeout: 15000 });
  // The schema arrives by introspection: the documentation explorer lists Query.
  await page.getByRole("button", { name: /documentation/i }).first().click();
  await page.getByText("Query", { exact: true }).first().waitFor({ timeout: 15000 });
  await screenshot(page, "graphiql");

  assert.deepEqual(elsewhere, [], "requests to other origins");
  assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused to/i.test(p)), [], "CSP violations");
  assert.deepEqual(problems.filter((p) => !/Failed to load resource/.test(p)), [], "console errors and failed requests");
  await page.close();
});
