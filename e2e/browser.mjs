// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no browser download), one fresh profile per run, and a
// screenshot helper. scripts/e2e.sh sets the variables.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080";
const screenshotDir = process.env.E2E_SCREENSHOTS ?? "screenshots";
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * Launches Chromium; the flags keep it off the network except for our
 * server. locale is the browser's language (navigator.languages and the
 * Accept-Language it sends).
 */
export async function launch({ locale = "en-GB" } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), "tulkki-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    baseURL,
    locale,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // Generous: the translator ranking can take seconds on a busy shared test database.
  context.setDefaultTimeout(30_000);
  const errors = [];
  context.on("weberror", (e) => errors.push(String(e.error())));
  return {
    context,
    /** Uncaught errors in the app's pages so far. */
    errors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot as screenshots/<name>.png, of the whole page unless fullPage is false. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/** Saves a screenshot of one element as screenshots/<name>.png. */
export async function screenshotOf(locator, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await locator.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/**
 * Signs in through the development login as a demo person with roles and,
 * for ORG_EDITOR, the organisations they edit ([type-ahead text, name] pairs).
 */
export async function devSignIn(page, personId, roles = ["PROFESSIONAL"], { screenshotAs, orgs = [] } = {}) {
  await page.goto("/signin?next=/profile");
  await page.locator("#dev-person").waitFor();
  if (await page.locator(`#dev-person option[value="${personId}"]`).count()) {
    await page.locator("#dev-person").selectOption(personId);
  } else {
    await page.locator("#dev-person-id").fill(personId);
  }
  for (const role of ["PROFESSIONAL", "ORG_EDITOR", "FACILITATOR", "COORDINATOR", "ADMIN"]) {
    await page.locator(`#role-${role}`).setChecked(roles.includes(role));
  }
  for (const [text, name] of orgs) {
    await pickOrg(page, "dev-org", text, name);
    await page.getByRole("button", { name: `Remove ${name}` }).waitFor();
  }
  if (screenshotAs) await screenshot(page, screenshotAs);
  await page.locator("#dev-signin").click();
  // Signed in once the header offers to sign out. The address alone would
  // not tell: /signin?next=/profile ends with /profile too, and navigating
  // away before the token arrived would cancel the sign-in.
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  await page.waitForURL((url) => url.pathname === "/profile");
}

/** Picks an organisation in a type-ahead with the keyboard. */
export async function pickOrg(page, inputId, text, name) {
  const input = page.locator(`#${inputId}`);
  await input.fill(text);
  await page.locator(`#${inputId}-list [role=option]`, { hasText: name }).first().waitFor();
  // Step down to the wanted option, then Enter, as a keyboard user would.
  const options = await page.locator(`#${inputId}-list [role=option]`).allTextContents();
  const index = options.findIndex((o) => o.includes(name));
  for (let i = 0; i <= index; i++) await input.press("ArrowDown");
  await input.press("Enter");
  await page.locator(`#${inputId}`).and(page.locator(`[aria-expanded=false]`)).waitFor();
}

/**
 * A new tab that starts in English, stored like a user's choice, so a
 * language switch in one test does not leak into the next; a switch within
 * the tab survives reloads.
 */
export async function freshPage(browser) {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("e2e.langSet")) {
      sessionStorage.setItem("e2e.langSet", "1");
      localStorage.setItem("tulkki.lang", "en");
    }
  });
  return page;
}

/** The whole text of a download's stream. */
export async function streamText(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks).toString("utf8");
}

/** Width the page would scroll sideways by at the current viewport. */
export async function sidewaysOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Asks the API directly, with the page's session token. */
export async function graphql(page, query, variables = {}) {
  return page.evaluate(
    async ({ query, variables }) => {
      const s = JSON.parse(sessionStorage.getItem("tulkki.session") ?? "{}");
      const res = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(s.token ? { Authorization: `Bearer ${s.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    { query, variables },
  );
}
