// Reader-level tests of a built site in headless Chromium: follow the
// sidebar, breadcrumbs and previous/next through every page, search a
// Vietnamese term typed without diacritics, check that formulas render as
// MathML with a real size, that no page logs a console error or requests
// anything outside the site, and that axe-core finds no serious or
// critical violation. Screenshots at phone and desktop widths go to
// $ARTIFACTS. Usage: node browser.mjs BASE_URL OUTDIR_FOR_FILE_CHECKS
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const base = process.argv[2];          // file:///.../index.html or http://127.0.0.1:P/
const label = process.argv[3] || "site";
const artifacts = process.env.ARTIFACTS || "screenshots";
const expectMath = process.env.EXPECT_MATH === "1";
fs.mkdirSync(artifacts, { recursive: true });

let passed = 0, failed = 0;
function ok(cond, what) {
  if (cond) passed++;
  else { failed++; console.log(`FAIL: ${label}: ${what}`); }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext();
const page = await context.newPage();
const siteRoot = new URL(".", base).href;
const consoleErrors = [], outside = [];
page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`); });
page.on("pageerror", (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
page.on("request", (r) => {
  const u = r.url();
  if (!u.startsWith(siteRoot) && !u.startsWith("data:")) outside.push(u);
});

// 1. Previous/next through the whole course, from the home page.
await page.goto(base);
const visited = [page.url()];
for (let i = 0; i < 500; i++) {
  const next = page.locator("nav.pagenav a.next");
  if (await next.count() === 0) break;
  {
    // wait for the next page itself (a heavy page may still be loading
    // when the old one's "load" state already holds)
    const target = new URL(await next.getAttribute("href"), page.url()).href;
    await Promise.all([page.waitForURL(target, { waitUntil: "load" }), next.click()]);
  }
  visited.push(page.url());
}
const navTotal = await page.evaluate(() => {
  const n = window.VECDOC_NAV; let c = 1 + n.pages.length;
  n.modules.forEach((m) => { c += 1 + m.pages.length; });
  return c;
});
ok(visited.length === navTotal, `next links visit ${visited.length} pages, the course has ${navTotal}`);
ok(new Set(visited).size === visited.length, "next links never revisit a page");
// ...and back with "previous".
let back = 0;
for (let i = 0; i < 500; i++) {
  const prev = page.locator("nav.pagenav a.prev");
  if (await prev.count() === 0) break;
  {
    const target = new URL(await prev.getAttribute("href"), page.url()).href;
    await Promise.all([page.waitForURL(target, { waitUntil: "load" }), prev.click()]);
  }
  back++;
}
ok(back === visited.length - 1, `previous links walk back ${back} steps`);
ok(page.url() === visited[0], "previous links end on the home page");

// 2. The sidebar: every entry opens a page that marks itself current.
const links = await page.$$eval("#sidebar a", (as) => as.map((a) => a.href));
ok(links.length === navTotal, `sidebar lists ${links.length} pages`);
for (const href of links) {
  await page.goto(href);
  const cur = await page.$$eval('#sidebar a[aria-current="page"]', (as) => as.map((a) => a.href));
  ok(cur.length === 1 && cur[0] === page.url(), `sidebar marks ${href} as current`);
  // Breadcrumbs lead home.
  const crumbs = await page.$$eval("nav.breadcrumbs a", (as) => as.map((a) => a.href));
  if (href !== links[0]) ok(crumbs.length >= 1 && crumbs[0] === links[0], `breadcrumbs of ${href} start at home`);
}

// 3. Formulas are MathML with a real size.
let mathCount = 0;
for (const href of links) {
  await page.goto(href);
  const sizes = await page.$$eval("math", (ms) => ms.map((m) => {
    const r = m.getBoundingClientRect(); return [r.width, r.height];
  }));
  mathCount += sizes.length;
  sizes.forEach(([w, h], i) => ok(w > 0 && h > 0, `formula ${i} on ${href} has size ${w}x${h}`));
}
if (expectMath) ok(mathCount > 0, "the course has formulas rendered as MathML");

// 4. Search finds a Vietnamese word typed without diacritics.
await page.goto(base);
await page.keyboard.press("/");
ok(await page.evaluate(() => document.activeElement.id) === "search-input", "'/' focuses the search box");
await page.keyboard.type(process.env.SEARCH_QUERY || "cosin");
await page.waitForSelector(".search-hit", { timeout: 5000 }).catch(() => {});
const hits = await page.$$eval(".search-hit", (hs) => hs.map((h) => h.textContent));
const want = process.env.SEARCH_EXPECT || "côsin";
ok(hits.length > 0 && hits.some((h) => h.includes(want)), `search '${process.env.SEARCH_QUERY || "cosin"}' finds '${want}' (${hits.length} hits)`);
const marks = await page.$$eval(".search-hit mark", (ms) => ms.length);
ok(marks > 0, "matched words are highlighted");
const firstHref = await page.$eval(".search-hit", (a) => a.href).catch(() => "");
await page.keyboard.press("ArrowDown");
await page.keyboard.press("Enter");
await page.waitForURL((u) => u.href === firstHref, { timeout: 5000 }).catch(() => {});
ok(firstHref !== "" && page.url() === firstHref, `Enter opens the selected result (${page.url()})`);

// 5. Screenshots at phone and desktop widths.
for (const [name, w, h] of [["phone", 390, 844], ["desktop", 1366, 900]]) {
  await page.setViewportSize({ width: w, height: h });
  for (const href of [links[0], links[links.length - 1]]) {
    await page.goto(href);
    const file = path.join(artifacts, `${label}-${name}-${path.basename(new URL(href).pathname) || "index"}-${links.indexOf(href)}.png`);
    await page.screenshot({ path: file, fullPage: false });
  }
}
await page.setViewportSize({ width: 390, height: 844 });
await page.goto(links[links.length - 1]);
ok(!(await page.isVisible("#sidebar")), "phone: the sidebar is folded away");
await page.click(".menu-toggle");
ok(await page.isVisible("#sidebar"), "phone: the menu button opens the sidebar");
await page.setViewportSize({ width: 1366, height: 900 });

// Console errors are the site's own up to here: axe-core (below) reads
// stylesheets itself, which file:// forbids.
const siteErrors = consoleErrors.slice();

// 6. Accessibility: no serious or critical axe-core violation.
for (const href of links) {
  await page.goto(href);
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  ok(bad.length === 0, `axe on ${href}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes`).join("; ")}`);
}

ok(siteErrors.length === 0, `console errors: ${siteErrors.slice(0, 5).join(" | ")}`);
ok(outside.length === 0, `requests outside the site: ${outside.slice(0, 5).join(" ")}`);
await browser.close();
console.log(`browser-${label}: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
