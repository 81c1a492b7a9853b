/**
 * `coffer login` without a token, end to end: the real CLI process shows a code and the approval
 * page, a person approves it in headless Chromium (password, then a TOTP code), the CLI completes,
 * keeps the session sealed, refreshes it by itself, and `coffer logout` ends it on the server.
 */
import type { ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'otplib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigStore } from '@coffer/cli';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api } from '@coffer/test-kit/platform';
import { scratchHomes, type CliHome, type CliResult } from './support.js';

const EMAIL = 'founder@example.test';
const PASSWORD = 'correct horse battery staple 7';
const platform = usePlatform();
const home = scratchHomes();
let anonymous: Api;
let totpSecret: string;
/** Single-use recovery codes: later sign-ins use them rather than wait for a fresh TOTP step. */
let recoveryCodes: string[];
let browser: Browser;

/** A code of the step after the last one used: each TOTP step is accepted once. */
let lastStep = 0;
async function totpCode(): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  if (step <= lastStep) {
    await new Promise((resolve) => setTimeout(resolve, (lastStep + 1) * 30_000 - Date.now() + 50));
    step = lastStep + 1;
  }
  lastStep = step;
  return generate({ secret: totpSecret, epoch: step * 30 });
}

/** Starts `coffer login` without a token and resolves, once it has printed them, the page and code it shows; then its result. */
function startLogin(cli: CliHome, extra: string[] = []) {
  const child: ChildProcess = cli.start(['login', '--api-url', platform.baseUrl, '--no-browser', ...extra]);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdin!.end();
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const shown = new Promise<{ url: URL; code: string }>((resolve, reject) => {
    const look = () => {
      const url = /https?:\/\/\S+\/device\?user_code=\S+/.exec(stdout)?.[0];
      const code = /Code: ([A-Z]{4}-[A-Z]{4})/.exec(stdout)?.[1];
      if (url && code) resolve({ url: new URL(url), code });
    };
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk;
      look();
    });
    child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    void result.then((done) => reject(new Error(`coffer login ended before showing a code: ${done.stderr}`)));
  });
  return { shown, result };
}

/** The printed page on the test platform: its public URL is a deployment setting, and the test gateway listens on a random port. */
const onPlatform = (url: URL) => `${platform.baseUrl}${url.pathname}${url.search}`;

beforeAll(async () => {
  anonymous = apiClient(platform.baseUrl);
  const booted = expectOk(await anonymous('POST', '/bootstrap', { body: { org: 'acme', project: 'api', owner: { email: EMAIL, password: PASSWORD } } }), 201);
  const admin = apiClient(platform.baseUrl, booted.token.token);
  expectOk(await admin('POST', '/orgs/acme/projects/api/envs/production/secrets/GREETING', { body: { value: 'hello from the vault' } }), 201);
  // Two-factor authentication for the owner, enrolled through the API.
  const tokens = expectOk(await anonymous('POST', '/auth/login', { body: { email: EMAIL, password: PASSWORD } }));
  const person = apiClient(platform.baseUrl, tokens.accessToken);
  totpSecret = expectOk(await person('POST', '/me/2fa')).secret;
  recoveryCodes = expectOk(await person('POST', '/me/2fa/confirm', { body: { code: await totpCode() } })).recoveryCodes;

  // launch() gives the browser a fresh profile of its own (a temporary user data dir), removed on close.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Signs in on the approval page, giving a code of the authenticator app or a recovery code. */
async function signInOnPage(page: Page, pageUrl: string, secondFactor: 'totp' | 'recovery') {
  await page.goto(pageUrl);
  await page.fill('input[name=email]', EMAIL);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  if (secondFactor === 'totp') await page.fill('input[name=code]', await totpCode());
  else await page.fill('input[name=recovery_code]', recoveryCodes.shift()!);
  await page.click('button[type=submit]');
  await page.waitForSelector('text=Approve this device?');
}

/** Signs in on the approval page (password, then the second factor) and approves or denies the code shown there. */
async function decideInBrowser(pageUrl: string, expectedCode: string, action: 'Approve' | 'Deny', secondFactor: 'totp' | 'recovery' = 'recovery') {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInOnPage(page, pageUrl, secondFactor);
    const details = await page.textContent('dl');
    expect(details).toContain(expectedCode);
    expect(details).toMatch(/coffer CLI on /);
    await page.click(`button:text-is("${action}")`);
    await page.waitForSelector(action === 'Approve' ? 'text=Device approved' : 'text=Request denied');
  } finally {
    await context.close();
  }
}

describe('coffer login through the browser', () => {
  let cli: CliHome;
  let firstRefreshToken: string;

  it('shows a code and the page, waits for the approval (password + TOTP) in Chromium, and stores the session sealed', async () => {
    cli = await home();
    const login = startLogin(cli);
    const { url, code } = await login.shown;
    expect(url.pathname).toBe('/device');
    expect(url.searchParams.get('user_code')).toBe(code);
    await decideInBrowser(onPlatform(url), code, 'Approve', 'totp');
    const done = await login.result;
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`Logged in to ${platform.baseUrl} as ${EMAIL} (organisation acme)`);

    const config = JSON.parse(await readFile(join(cli.configDir, 'config.json'), 'utf8'));
    expect(config.token).toMatch(/^enc2:/);
    expect(config.refreshToken).toMatch(/^enc2:/);
    expect(JSON.stringify(config)).not.toMatch(/coffer_rt_|eyJ/);
    expect(config.context).toEqual({ org: 'acme' });
  }, 120_000);

  it('whoami shows the person, the organisation and the server; secrets and run work with the session', async () => {
    const who = await cli.run(['whoami']);
    expect(who.code).toBe(0);
    expect(who.stdout).toContain(`API: ${platform.baseUrl}`);
    expect(who.stdout).toContain(`User: ${EMAIL}`);
    expect(who.stdout).toContain('Organisations: acme (owner)');
    const json = JSON.parse((await cli.run(['whoami', '--json'])).stdout);
    expect(json).toMatchObject({ apiUrl: platform.baseUrl, kind: 'user', credential: 'session', user: { email: EMAIL } });

    const scope = ['--project', 'api', '--env', 'production'];
    const listed = await cli.run(['secrets', 'list', ...scope, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).map((secret: { key: string }) => secret.key)).toContain('GREETING');
    const ran = await cli.run(['run', ...scope, '--', process.execPath, '-e', 'process.stdout.write(process.env.GREETING)']);
    expect(ran).toMatchObject({ code: 0, stdout: 'hello from the vault' });
  });

  it('refreshes an expired access token by itself, once, even with two coffer processes at the same moment', async () => {
    const configPath = join(cli.configDir, 'config.json');
    const config = JSON.parse(await readFile(configPath, 'utf8'));
    const before = config.refreshToken;
    // As if the access token had expired: the next commands must refresh it first.
    await writeFile(configPath, JSON.stringify({ ...config, tokenExpiresAt: new Date(Date.now() - 1000).toISOString() }), { mode: 0o600 });
    const scope = ['--project', 'api', '--env', 'production', '--json'];
    const [one, two] = await Promise.all([cli.run(['secrets', 'list', ...scope]), cli.run(['secrets', 'list', ...scope])]);
    expect([one.code, two.code, one.stderr, two.stderr]).toEqual([0, 0, '', '']);
    const after = JSON.parse(await readFile(configPath, 'utf8'));
    expect(after.refreshToken).not.toBe(before);
    expect(Date.parse(after.tokenExpiresAt)).toBeGreaterThan(Date.now() + 60_000);
    // Neither process presented a used refresh token: the session is alive.
    expect((await cli.run(['whoami'])).code).toBe(0);
    firstRefreshToken = before;
  });

  it('logout ends the session on the server: its refresh token no longer works there; local credentials are gone', async () => {
    const configPath = join(cli.configDir, 'config.json');
    const store = new ConfigStore({ ...cli.env });
    const refreshToken = store.refreshToken()!;
    expect(refreshToken).toMatch(/^coffer_rt_/);
    const out = await cli.run(['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('the session is ended on the server');
    const config = JSON.parse(await readFile(configPath, 'utf8'));
    expect(config).not.toHaveProperty('token');
    expect(config).not.toHaveProperty('refreshToken');
    expect((await anonymous('POST', '/auth/refresh', { body: { refreshToken } })).status).toBe(401);
    expect(firstRefreshToken).toBeDefined();
    expect((await cli.run(['whoami'])).code).toBe(4);
  });

  it('logout still removes the local credentials when the server cannot be reached, and says so', async () => {
    const other = await home();
    const login = startLogin(other);
    const { url, code } = await login.shown;
    await decideInBrowser(onPlatform(url), code, 'Approve');
    expect((await login.result).code).toBe(0);
    const configPath = join(other.configDir, 'config.json');
    const config = JSON.parse(await readFile(configPath, 'utf8'));
    await writeFile(configPath, JSON.stringify({ ...config, apiUrl: 'http://127.0.0.1:9' }), { mode: 0o600 });
    const out = await other.run(['logout']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('could not end the session on the server');
    expect(JSON.parse(await readFile(configPath, 'utf8'))).not.toHaveProperty('refreshToken');
  }, 120_000);

  it('ends with exit 4 when the person denies the login, storing nothing', async () => {
    const other = await home();
    const login = startLogin(other);
    const { url, code } = await login.shown;
    await decideInBrowser(onPlatform(url), code, 'Deny');
    const done = await login.result;
    expect(done.code).toBe(4);
    expect(done.stderr).toContain('denied');
    await expect(readFile(join(other.configDir, 'config.json'), 'utf8')).rejects.toThrow();
  }, 120_000);
});

describe('the approval page in the browser', () => {
  it('refuses a form posted without its CSRF token (403) and the request stays pending', async () => {
    const cli = await home();
    const login = startLogin(cli);
    const { url, code } = await login.shown;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await signInOnPage(page, onPlatform(url), 'recovery');
      // The signed-in browser's cookie goes along; the form token does not.
      const forged = await page.request.post(`${platform.baseUrl}/device/approve`, { form: { user_code: code }, headers: { origin: platform.baseUrl } });
      expect(forged.status()).toBe(403);
      await page.click('button:text-is("Deny")');
      await page.waitForSelector('text=Request denied');
    } finally {
      await context.close();
    }
    // Had the forged approval counted, the CLI would have logged in; the denial ends it.
    expect((await login.result).code).toBe(4);
  }, 120_000);
});
