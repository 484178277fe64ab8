// Signs a person in to an app through the test OpenID Connect provider (tests/oidc) in headless
// Chromium, as a learner would (issue 12.2): opens the app's oidc login route, which redirects to
// the provider; types the login into the provider's form and presses "Sign-in", then "Continue"
// on its consent page; the provider sends the browser back to the app's callback, which redirects
// to OAUTH_SUCCESS_URL (/api/auth/me by default). No internet: only 127.0.0.1 is reachable, where
// both the app and the provider listen.
//
//   node browse_oauth.cjs <playwright-core dir> <chromium> <login url> <screenshot.png> <login>
//
// Prints one JSON line: {"ok": bool, "url": where it landed, "body": the landing page's text,
// "login_screenshot": the provider's filled login form, "external": [urls aborted], "errors":
// [page errors], "reason": str}. Exit code 0 even when not ok: the caller
// (tests/generated/test_generated.py) asserts on the JSON.
"use strict";

const { openOfflinePage } = require("./offline_page.cjs");

const [playwrightDir, chromium, url, screenshot, login] = process.argv.slice(2);

const TIMEOUT_MS = 30_000;

async function main() {
  const result = { ok: false, url: "", body: "", external: [], errors: [], reason: "" };
  result.login_screenshot = screenshot.replace(/\.png$/, "-provider-login.png");
  const { browser, page } = await openOfflinePage(
    playwrightDir,
    chromium,
    { width: 1024, height: 768 },
    result,
  );
  const appOrigin = new URL(url).origin;
  try {
    await page.goto(url, { waitUntil: "load", timeout: TIMEOUT_MS });
    const loginField = page.locator('input[name="login"]');
    await loginField.waitFor({ timeout: TIMEOUT_MS });
    await loginField.fill(login);
    await page.locator('input[name="password"]').fill("any password will do");
    await page.screenshot({ path: result.login_screenshot });
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click({ timeout: TIMEOUT_MS });
    await page.waitForURL((landed) => landed.origin === appOrigin && !landed.pathname.includes("/oauth/"), {
      timeout: TIMEOUT_MS,
      waitUntil: "load",
    });
    result.url = page.url();
    result.body = (await page.locator("body").innerText()).trim();
    result.ok = true;
  } catch (error) {
    result.url = page.url();
    result.reason = String(error).split("\n")[0];
    result.body = (await page.locator("body").innerText().catch(() => "")).slice(0, 500);
  } finally {
    await page.screenshot({ path: screenshot }).catch(() => {});
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ ok: false, reason: String(error) }) + "\n");
});
