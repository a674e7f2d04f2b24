/**
 * The studio against live nodes (issue #7): connect to the e2e cluster (etcd with node A) and
 * to node B by URL, browse a node's services, compose and send a typed payload with longs
 * beyond 2^53 through the sample module tools/debug/echo, get a declared error, find the calls
 * in the history, save one and replay it as an `spl call` command, and watch the cluster browser
 * drop node A when it dies. The tests run in this order and build on each other: the
 * connections of the first (the later ones put them back by file if it failed), the calls of
 * the third and fourth in the fifth; the last one kills node A.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { etcdUrl, killNodeA, NODE_A_ID, NODE_B_ID, nodeBUrl } from './support/cluster.js';
import { REPO, SPL } from './support/paths.js';
import { openStudio, readWorkspaceFile, screenshot, workspaceDir, writeWorkspaceFile } from './support/studio.js';

const SETTINGS = 'spl-workspace.json';
const EXECUTE_SERVICE = 'spl.execute.SPLExecuteService';
/** 2^53 + 1 and 2^53 + 3: a double would make them 2^53 and 2^53 + 4. */
const ID = '9007199254740993';
const TAG = '9007199254740995';
const TEXT = 'sent from the e2e test';
const LABEL = 'e2e';
/** A token for the cluster connection, to see that it stays out of the workspace. */
const TOKEN = 'e2e-token-not-for-the-workspace';
const COLLECTION = 'E2E calls';
const SAVED_NAME = 'echo longs above 2^53';

// "Copy as spl call" and "Copy the whole value" write the clipboard; the tests read it back.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

interface SavedConnection {
  id: string;
  name: string;
  kind: string;
  url: string;
}

const CONNECTIONS = (): SavedConnection[] => [
  { id: 'cluster', name: 'Cluster', kind: 'etcd', url: etcdUrl() },
  { id: 'node-b', name: 'Node B', kind: 'node', url: nodeBUrl() },
];

function savedConnections(): SavedConnection[] {
  return (JSON.parse(readWorkspaceFile(SETTINGS)) as { connections?: SavedConnection[] }).connections ?? [];
}

/**
 * The first test adds the connections through the UI; should it have failed, the others get
 * them the way a teammate's commit would bring them: in spl-workspace.json, which the host follows.
 */
function ensureConnections(): void {
  const saved = savedConnections();
  if (CONNECTIONS().every((c) => saved.some((s) => s.id === c.id))) return;
  const settings = JSON.parse(readWorkspaceFile(SETTINGS)) as Record<string, unknown>;
  writeWorkspaceFile(SETTINGS, JSON.stringify({ ...settings, connections: CONNECTIONS() }, null, 2) + '\n');
}

async function showView(page: Page, name: 'Service Explorer' | 'Request Composer' | 'Cluster'): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
}

const servicesTree = (page: Page) => page.getByRole('tree', { name: 'Services' });
/** A row of the explorer tree by its label (its accessible name adds the state and count). */
const row = (page: Page, label: string) => servicesTree(page).getByRole('treeitem', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`) });

/** The explorer's rows as `level label`, top to bottom. */
async function treeRows(page: Page): Promise<string[]> {
  return servicesTree(page).getByRole('treeitem').evaluateAll((items) =>
    items.map((item) => `${item.getAttribute('aria-level')} ${item.querySelector('.tree-label')?.textContent ?? ''}`),
  );
}

/** The rows one level under a connection's row. */
function nodesUnder(rows: string[], connection: string): string[] {
  const at = rows.indexOf(`1 ${connection}`);
  if (at < 0) return [];
  const end = rows.findIndex((r, i) => i > at && r.startsWith('1 '));
  return rows.slice(at + 1, end < 0 ? undefined : end).filter((r) => r.startsWith('2 ')).map((r) => r.slice(2));
}

/** Opens node → protocol → message in the explorer and waits for the message's details. */
async function openMessage(page: Page, nodeId: string, protocol: string, message: string): Promise<Locator> {
  await showView(page, 'Service Explorer');
  await expect(row(page, nodeId)).toBeVisible();
  for (const label of [nodeId, protocol]) {
    const item = row(page, label);
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    await expect(item).toHaveAttribute('aria-expanded', 'true');
  }
  await row(page, message).click();
  const details = page.getByRole('region', { name: 'Service details' });
  await expect(details.getByRole('heading', { level: 1, name: message })).toBeVisible();
  await expect(details.getByText(`${protocol} on ${nodeId}`)).toBeVisible();
  return details;
}

/** The Protocol hash fact of a details pane. */
async function protocolHash(details: Locator): Promise<string> {
  const hash = details.locator('.details-fact').filter({ has: details.page().locator('dt', { hasText: /^Protocol hash$/ }) }).locator('dd');
  await expect(hash).toHaveText(/^[0-9a-f]{32}$/);
  return (await hash.textContent())!;
}

const composerForm = (page: Page) => page.getByRole('tabpanel', { name: 'Form' });
const responseRegion = (page: Page) => page.getByRole('region', { name: 'Response' });

async function send(page: Page): Promise<void> {
  await page.getByRole('toolbar', { name: 'Request target' }).getByRole('button', { name: 'Send' }).click();
}

/** The clipboard's text, as the page sees it. */
async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Empties the clipboard, so that a copy is seen to have happened. */
async function clearClipboard(page: Page): Promise<void> {
  await page.evaluate(() => navigator.clipboard.writeText(''));
}

/** A row of the result tree: its key, and its value exactly as shown. */
function resultRow(tree: Locator, key: string): Locator {
  return tree.getByRole('treeitem', { name: new RegExp(`^${key} : `) });
}

interface EchoValue {
  id: bigint;
  tag: null | string | bigint;
  text: string;
  labels: string[];
  at: null | bigint;
}

/**
 * Reads spl.samples.EchoValue's Avro binary, as Avro JSON writes bytes (one code point 0-255
 * per byte), with bigint longs: what the payload holds, independently of the studio's codec.
 */
function readEchoValue(bytes: string): EchoValue {
  let at = 0;
  const long = (): bigint => {
    let value = 0n;
    let shift = 0n;
    for (;;) {
      const byte = BigInt(bytes.charCodeAt(at++));
      value |= (byte & 0x7fn) << shift;
      shift += 7n;
      if (byte < 0x80n) break;
    }
    return (value >> 1n) ^ -(value & 1n);
  };
  const string = (): string => {
    const length = Number(long());
    const text = Buffer.from(bytes.slice(at, at + length), 'latin1').toString('utf8');
    at += length;
    return text;
  };
  const id = long();
  const tagBranch = long();
  const tag = tagBranch === 0n ? null : tagBranch === 1n ? string() : long();
  const text = string();
  const labels: string[] = [];
  for (let count = long(); count !== 0n; count = long()) {
    if (count < 0n) {
      count = -count;
      long(); // the block's size in bytes
    }
    for (let i = 0n; i < count; i++) labels.push(string());
  }
  const atValue = long() === 0n ? null : long();
  if (at !== bytes.length) throw new Error(`EchoValue: ${bytes.length - at} bytes left over`);
  return { id, tag, text, labels, at: atValue };
}

/** The EchoValue in an execute request body (Avro JSON), checked to be a Payload of that schema. */
function echoValueOfRequest(body: string): EchoValue {
  const request = (JSON.parse(body) as { request: { module: string; value: { 'spl.common.Payload': { schema: { name: { string: string } }; value: string } } } }).request;
  expect(request.module).toBe('tools/debug/echo');
  const payload = request.value['spl.common.Payload'];
  expect(payload.schema.name).toEqual({ string: 'spl.samples.EchoValue' });
  return readEchoValue(payload.value);
}

const EXPECTED_ECHO: EchoValue = { id: BigInt(ID), tag: BigInt(TAG), text: TEXT, labels: [LABEL], at: null };

test.beforeEach(async ({ page }) => {
  await openStudio(page);
});

test('adds an etcd cluster and a node by URL as connections, saved in the workspace without the token', async ({ page }) => {
  await showView(page, 'Service Explorer');
  const explorer = page.getByRole('complementary', { name: 'Service Explorer' });
  const dialog = page.getByRole('dialog', { name: 'Add connection' });

  await explorer.getByRole('button', { name: 'Add connection' }).click();
  await dialog.getByRole('radio', { name: 'etcd cluster' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Cluster');
  await expect(dialog.getByText('Saved in the workspace as cluster.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'URL' }).fill(etcdUrl());
  await dialog.getByLabel('Token (optional)').fill(TOKEN);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  await explorer.getByRole('button', { name: 'Add connection' }).click();
  await expect(dialog.getByRole('radio', { name: 'Node by URL' })).toBeChecked();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Node B');
  await dialog.getByRole('textbox', { name: 'URL' }).fill(nodeBUrl());
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  // Both connected, node A under the cluster (found through etcd), node B under its own.
  for (const name of ['Cluster', 'Node B']) {
    await expect(row(page, name).getByRole('img', { name: 'Connected' })).toBeVisible();
  }
  await expect.poll(async () => nodesUnder(await treeRows(page), 'Cluster')).toEqual([NODE_A_ID]);
  await expect.poll(async () => nodesUnder(await treeRows(page), 'Node B')).toEqual([NODE_B_ID]);
  await expect(row(page, NODE_A_ID).getByRole('img', { name: 'up' })).toBeVisible();
  await expect(row(page, NODE_B_ID).getByRole('img', { name: 'up' })).toBeVisible();

  // The cluster's details: the token is stored, but not in the workspace.
  await row(page, 'Cluster').click();
  const details = page.getByRole('region', { name: 'Service details' });
  await expect(details.getByRole('heading', { level: 1, name: 'Cluster' })).toBeVisible();
  await expect(details.getByText('stored in your user settings')).toBeVisible();
  await expect(details.getByText(etcdUrl(), { exact: true })).toBeVisible();
  await screenshot(page, '20-connections');

  expect(savedConnections()).toEqual(CONNECTIONS());
  const settings = readWorkspaceFile(SETTINGS);
  expect(settings).not.toContain(TOKEN);
  expect(settings).not.toMatch(/token/i);
});

test("browses node A's execute message: parameters, response, declared error and protocol hash", async ({ page }) => {
  ensureConnections();
  const details = await openMessage(page, NODE_A_ID, EXECUTE_SERVICE, 'execute');
  await expect(details.getByText('Runs one module with the given context and input')).toBeVisible();
  await protocolHash(details);

  // The request: one parameter, `request`, an spl.common.ExecuteRequest that opens onto its fields.
  const request = details.getByRole('tree', { name: 'Request parameters of execute' });
  const parameter = request.getByRole('treeitem', { name: /^request record ExecuteRequest/ });
  await expect(parameter).toHaveAttribute('aria-level', '1');
  await expect(parameter.locator('.type-text')).toHaveAttribute('title', 'spl.common.ExecuteRequest');
  const fields = request.locator('[role="treeitem"][aria-level="2"] .type-name');
  await expect(fields).toHaveText(['module', 'headers', 'value', 'schema']);
  await parameter.click();
  await expect(parameter).toHaveAttribute('aria-expanded', 'false');
  await expect(fields).toHaveCount(0);
  await parameter.click();
  await expect(parameter).toHaveAttribute('aria-expanded', 'true');
  await expect(fields).toHaveText(['module', 'headers', 'value', 'schema']);
  await expect(request.getByRole('treeitem', { name: /^value union \{null, bytes, string, Payload\} = null/ })).toBeVisible();

  // The response, and the one declared error.
  const response = details.getByRole('tree', { name: 'Response of execute' });
  const responseRoot = response.getByRole('treeitem', { name: /^response record ExecuteResponse/ });
  await expect(responseRoot.locator('.type-text')).toHaveAttribute('title', 'spl.common.ExecuteResponse');
  await expect(response.getByRole('treeitem', { name: /^status enum ExecuteStatus \{UNKNOWN, DATA, BLOB, ERROR, COMPLETED\}/ })).toBeVisible();
  const errors = details.getByRole('tree', { name: 'Declared errors of execute' });
  await expect(errors.getByRole('treeitem')).toHaveCount(1);
  const error = errors.getByRole('treeitem', { name: /^error ExecutionError/ });
  await expect(error.locator('.type-text')).toHaveAttribute('title', 'spl.common.ExecutionError');
  await error.click();
  await expect(errors.locator('[aria-level="2"] .type-name').first()).toHaveText('code');
  await screenshot(page, '21-explorer-message');
});

test('composes a typed payload for tools/debug/echo with longs above 2^53 and gets them back exactly', async ({ page }) => {
  ensureConnections();
  const details = await openMessage(page, NODE_B_ID, EXECUTE_SERVICE, 'execute');
  const hash = await protocolHash(details);
  await details.getByRole('button', { name: 'Open in Composer' }).click();

  const target = page.getByRole('toolbar', { name: 'Request target' });
  await expect(target.getByRole('combobox', { name: 'Connection' })).toHaveValue('node-b');
  await expect(target.getByRole('combobox', { name: 'Node' })).toHaveValue(NODE_B_ID);
  await expect(target.getByRole('combobox', { name: 'Protocol' })).toHaveValue(EXECUTE_SERVICE);
  await expect(target.getByRole('combobox', { name: 'Message' })).toHaveValue('execute');

  // The form: the module, then the Payload branch of the `value` union.
  const form = composerForm(page);
  await form.getByRole('textbox', { name: 'request.request.module' }).fill('tools/debug/echo');
  await form.getByRole('combobox', { name: 'request.request.value' }).selectOption('spl.common.Payload');
  const payload = form.getByRole('group', { name: /^Payload request\.request\.value/ });
  // The typed payload editor offers the schema of the module the request names.
  const schema = payload.getByRole('combobox', { name: /^Schema of / });
  await expect(schema).toHaveValue('tools/debug/echo#input');
  await payload.getByRole('button', { name: 'Edit as tools/debug/echo · input (spl.samples.EchoValue)' }).click();

  const echo = payload.getByRole('group', { name: 'spl.samples.EchoValue' });
  // The module's own schema: its docs and logical types show, which the payload's canonical form drops.
  await expect(echo.getByText('Any long, exact beyond 2^53')).toBeVisible();
  await expect(echo.getByText('long · timestamp-millis?')).toBeVisible();
  await echo.getByRole('textbox', { name: 'spl.samples.EchoValue.id' }).fill(ID);
  await echo.getByRole('combobox', { name: 'spl.samples.EchoValue.tag' }).selectOption('long');
  await echo.getByRole('textbox', { name: 'spl.samples.EchoValue.tag.long' }).fill(TAG);
  await echo.getByRole('textbox', { name: 'spl.samples.EchoValue.text' }).fill(TEXT);
  await echo.getByRole('button', { name: 'Add an item to spl.samples.EchoValue.labels' }).click();
  await echo.getByRole('textbox', { name: 'spl.samples.EchoValue.labels[0]' }).fill(LABEL);
  await expect(schema).toHaveValue('tools/debug/echo#input');
  await expect(payload.getByText(/^spl\.samples\.EchoValue · \d+ B$/)).toBeVisible();
  // Typed values stay as typed (the form reads them back from the payload's bytes).
  await expect(echo.getByRole('textbox', { name: 'spl.samples.EchoValue.id' })).toHaveValue(ID);
  await expect(echo.getByRole('textbox', { name: 'spl.samples.EchoValue.tag.long' })).toHaveValue(TAG);

  // The JSON tab holds what the form made: the payload's bytes carry the longs exactly.
  await page.getByRole('tab', { name: 'JSON' }).click();
  await expect(page.getByText("Fits execute's parameters.")).toBeVisible();
  const editor = page.getByRole('tabpanel', { name: 'JSON' }).locator('.monaco-editor');
  await expect(editor.locator('.view-lines')).toContainText('"module": "tools/debug/echo"');
  await clearClipboard(page);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await expect.poll(() => clipboard(page)).toContain('"spl.common.Payload"');
  expect(echoValueOfRequest(await clipboard(page))).toEqual(EXPECTED_ECHO);

  await send(page);
  const response = responseRegion(page);
  await expect(response.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'ok');
  await expect(response.locator('[data-outcome]')).toHaveText('OK');
  await expect(response.getByText(nodeBUrl(), { exact: true })).toBeVisible();

  // The echoed payload, decoded: the exact longs, not 9007199254740992 and 9007199254740996.
  const result = response.getByRole('tree', { name: 'Result' });
  await expect(resultRow(result, 'status').locator('.json-value')).toHaveText('"DATA"');
  const value = resultRow(result, 'value');
  await expect(value.locator('.json-tag')).toHaveText('Payload · spl.samples.EchoValue');
  await expect(value.locator('.json-note')).toHaveCount(0);
  await expect(resultRow(result, 'id').locator('.json-value')).toHaveText(ID);
  await expect(resultRow(result, 'tag').locator('.json-tag')).toHaveText('long');
  await expect(resultRow(result, 'tag').locator('.json-value')).toHaveText(TAG);
  await expect(resultRow(result, 'text').locator('.json-value')).toHaveText(JSON.stringify(TEXT));
  await expect(resultRow(result, '0').locator('.json-value')).toHaveText(JSON.stringify(LABEL));
  await expect(result).not.toContainText('9007199254740992');
  // The form beside it, scrolled to the typed payload.
  await page.getByRole('tab', { name: 'Form' }).click();
  await payload.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await screenshot(page, '22-echo-response');

  // Frames: the request's handshake, message name and parameters; the response's.
  await response.getByRole('tab', { name: 'Frames (2)' }).click();
  const requestFrame = response.getByRole('region', { name: 'Request frame' });
  await expect(requestFrame.getByRole('list', { name: 'Segment kinds' }).getByRole('listitem')).toContainText(['Handshake', 'Message name', 'Payload']);
  const requestSegments = requestFrame.getByRole('listbox', { name: 'Request frame segments' });
  await expect(requestSegments.getByRole('option', { name: `handshake request: clientHash ${hash}` })).toBeVisible();
  await expect(requestSegments.getByRole('option', { name: /message name "execute"/ })).toBeVisible();
  await expect(requestSegments.getByRole('option', { name: /parameters of "execute" \(\d+ bytes\)/ })).toBeVisible();
  const responseFrame = response.getByRole('region', { name: 'Response frame' });
  const responseSegments = responseFrame.getByRole('listbox', { name: 'Response frame segments' });
  await expect(responseSegments.getByRole('option', { name: /handshake response: match BOTH/ })).toBeVisible();
  await expect(responseSegments.getByRole('option', { name: /error flag: false/ })).toBeVisible();
  await expect(responseSegments.getByRole('option', { name: /response of "execute" \(\d+ bytes\)/ })).toBeVisible();
  // Picking a segment says what it is.
  await requestSegments.getByRole('option', { name: /message name "execute"/ }).click();
  await expect(requestFrame.getByText(/message name "execute"/).first()).toBeVisible();
  await screenshot(page, '23-echo-frames');

  // Handshake: the studio and node B speak the same protocol, the one the explorer showed.
  await response.getByRole('tab', { name: 'Handshake' }).click();
  const handshake = response.getByRole('tabpanel', { name: 'Handshake' });
  await expect(handshake.getByText('BOTH', { exact: true })).toBeVisible();
  await expect(handshake.getByRole('definition').filter({ hasText: hash }).first()).toBeVisible();
  await expect(handshake.getByText('on this call')).toBeVisible();
});

test('an unknown module answers with the declared ExecutionError MODULE_NOT_FOUND', async ({ page }) => {
  ensureConnections();
  // This time through the composer's pickers: a lone node is picked with its connection.
  await showView(page, 'Request Composer');
  const target = page.getByRole('toolbar', { name: 'Request target' });
  await target.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Node B' });
  await expect(target.getByRole('combobox', { name: 'Node' })).toHaveValue(NODE_B_ID);
  await target.getByRole('combobox', { name: 'Protocol' }).selectOption(EXECUTE_SERVICE);
  await target.getByRole('combobox', { name: 'Message' }).selectOption('execute');
  await composerForm(page).getByRole('textbox', { name: 'request.request.module' }).fill('tools/does-not-exist');
  await send(page);

  const response = responseRegion(page);
  await expect(response.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'declared-error');
  await expect(response.locator('[data-outcome]')).toHaveText('ExecutionError');
  await expect(response.getByText('The node answered with the declared error')).toContainText('spl.common.ExecutionError');
  const error = response.getByRole('tree', { name: 'Error spl.common.ExecutionError' });
  await expect(error.getByRole('treeitem').first().locator('.json-tag')).toHaveText('spl.common.ExecutionError');
  await expect(resultRow(error, 'code').locator('.json-value')).toHaveText('"MODULE_NOT_FOUND"');
  await expect(resultRow(error, 'message')).toContainText('tools/does-not-exist');
  await screenshot(page, '24-declared-error');
});

test('finds the calls in the history, saves one to a collection and replays it as an spl call command', async ({ page }) => {
  ensureConnections();
  await showView(page, 'Request Composer');
  const history = page.getByRole('list', { name: 'Call history' });
  const entries = history.getByRole('listitem');
  const okCall = history.getByRole('button', { name: /^OK: execute on node-b at / });
  const errorCall = history.getByRole('button', { name: /^ExecutionError: execute on node-b at / });
  // The two calls of the tests before, newest first.
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0).getByRole('button', { name: /^ExecutionError: / })).toBeVisible();
  await expect(entries.nth(1).getByRole('button', { name: /^OK: / })).toBeVisible();

  // The search matches words anywhere in a call: its request, its result.
  const search = page.getByRole('searchbox', { name: 'Search the history' });
  // (The error's message lists the node's modules, tools/debug/echo among them.)
  await search.fill('module_not_found tools/does-not-exist');
  await expect(entries).toHaveCount(1);
  await expect(errorCall).toBeVisible();
  await search.fill('spl.samples.EchoValue');
  await expect(entries).toHaveCount(1);
  await expect(okCall).toBeVisible();
  await search.fill('no-such-word-anywhere');
  await expect(entries).toHaveCount(0);
  await expect(page.getByText('No call matches "no-such-word-anywhere".')).toBeVisible();
  await search.fill('');
  await expect(entries).toHaveCount(2);

  // The OK call back in the composer, with its answer.
  await okCall.click();
  const response = responseRegion(page);
  await expect(response.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'ok');
  const result = response.getByRole('tree', { name: 'Result' });
  await expect(resultRow(result, 'id').locator('.json-value')).toHaveText(ID);
  await expect(composerForm(page).getByRole('textbox', { name: 'spl.samples.EchoValue.id' })).toHaveValue(ID);
  // The answer as the studio shows it, Avro JSON, for comparing with the command line's.
  await clearClipboard(page);
  await result.getByRole('button', { name: 'Copy the whole value' }).click();
  await expect.poll(() => clipboard(page)).toContain('"status"');
  const shownAnswer = await clipboard(page);

  // Saved into a new collection: a file under requests/ with the body.
  await page.getByRole('region', { name: 'Request' }).getByRole('button', { name: 'Save to a collection' }).click();
  const bar = page.getByRole('form', { name: 'Save request' });
  await bar.getByRole('combobox', { name: 'Collection' }).selectOption({ label: 'New collection…' });
  await bar.getByRole('textbox', { name: 'New collection name' }).fill(COLLECTION);
  await bar.getByRole('textbox', { name: 'Request name' }).fill(SAVED_NAME);
  await bar.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(bar).toHaveCount(0);
  const file = path.join(workspaceDir(), 'requests', 'e2e-calls.json');
  await expect.poll(() => existsSync(file)).toBe(true);
  expect(readdirSync(path.join(workspaceDir(), 'requests'))).toEqual(['e2e-calls.json']);
  const collection = JSON.parse(readFileSync(file, 'utf8')) as { name: string; requests: { name: string; connectionId: string; nodeId: string; protocol: string; message: string; body: unknown }[] };
  expect(collection.name).toBe(COLLECTION);
  expect(collection.requests).toHaveLength(1);
  expect(collection.requests[0]).toMatchObject({ name: SAVED_NAME, connectionId: 'node-b', nodeId: NODE_B_ID, protocol: EXECUTE_SERVICE, message: 'execute' });
  expect(echoValueOfRequest(JSON.stringify(collection.requests[0].body))).toEqual(EXPECTED_ECHO);
  const collections = page.getByRole('list', { name: 'Collections' });
  await expect(collections.getByText(COLLECTION)).toBeVisible();
  await expect(collections.getByRole('button', { name: new RegExp(`^${SAVED_NAME.replace(/[\^$.]/g, '\\$&')}`) })).toBeVisible();

  // Copy as spl call: the same call from a terminal prints the same answer.
  await clearClipboard(page);
  await page.getByRole('button', { name: 'Copy as spl call' }).click();
  await expect(page.getByText('Copied the spl call command to the clipboard.')).toBeVisible();
  const command = await clipboard(page);
  expect(command).toMatch(new RegExp(`^spl call ${nodeBUrl().replace(/[.]/g, '\\.')} ${EXECUTE_SERVICE.replace(/[.]/g, '\\.')}\\.execute '`));
  expect(command).not.toContain('--token');
  const runnable = `${shellWord(process.execPath)} ${shellWord(SPL)}${command.slice('spl'.length)}`;
  const printed = execFileSync('sh', ['-c', runnable], { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
  expect(JSON.parse(printed)).toEqual(JSON.parse(shownAnswer));
  expect(echoValueOfResponse(printed)).toEqual(EXPECTED_ECHO);
  await screenshot(page, '25-history-and-collection');
});

test('the cluster browser lists, filters and sorts the nodes, shows node A with its modules, and drops it when it dies', async ({ page }) => {
  ensureConnections();
  await showView(page, 'Cluster');
  const nodes = page.getByRole('grid', { name: 'Nodes' });
  const rows = nodes.locator('tbody tr.node-row');
  const nodeIds = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-node')));
  const connectionOf = (nodeId: string) => nodes.locator(`tr[data-node="${nodeId}"] td`).nth(1);
  const count = page.getByRole('region', { name: 'Cluster nodes' }).getByRole('status').filter({ hasText: /^\d+ of \d+ nodes?$/ });

  // Node A through etcd, node B by URL, and the studio's own runtime node.
  await expect(rows).toHaveCount(3);
  await expect(connectionOf(NODE_A_ID)).toHaveText('Cluster');
  await expect(connectionOf(NODE_B_ID)).toHaveText('Node B');
  await expect(nodes.locator('tr.node-row').filter({ has: page.getByRole('gridcell', { name: 'Local runtime', exact: true }) })).toHaveCount(1);
  await expect(count).toHaveText('3 of 3 nodes');

  const filter = page.getByRole('searchbox', { name: 'Filter nodes' });
  await filter.fill('node-a');
  await expect.poll(nodeIds).toEqual([NODE_A_ID]);
  await expect(count).toHaveText('1 of 3 nodes');
  await filter.fill('');
  await expect(rows).toHaveCount(3);

  // Sorted by connection name, one way then the other.
  const byConnection = nodes.getByRole('columnheader', { name: 'Connection' });
  await byConnection.getByRole('button').click();
  await expect(byConnection).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => (await nodeIds()).filter((id) => id === NODE_A_ID || id === NODE_B_ID)).toEqual([NODE_A_ID, NODE_B_ID]);
  await expect(rows.nth(1).locator('td').nth(1)).toHaveText('Local runtime');
  await byConnection.getByRole('button').click();
  await expect(byConnection).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await nodeIds()).filter((id) => id === NODE_A_ID || id === NODE_B_ID)).toEqual([NODE_B_ID, NODE_A_ID]);

  // Node A's details: its modules, tools/debug/echo with its schemas.
  await nodes.locator(`tr[data-node="${NODE_A_ID}"]`).click();
  const detail = page.getByRole('complementary', { name: `Node ${NODE_A_ID}` });
  await expect(detail.getByRole('heading', { level: 1, name: NODE_A_ID })).toBeVisible();
  const echo = detail.getByRole('article', { name: 'Module tools/debug/echo' });
  await echo.scrollIntoViewIfNeeded();
  const input = echo.getByRole('tree', { name: 'Input of tools/debug/echo' });
  await expect(input.getByRole('treeitem', { name: /^input record EchoValue/ })).toBeVisible();
  await expect(input.locator('[aria-level="2"] .type-name')).toHaveText(['id', 'tag', 'text', 'labels', 'at']);
  await expect(input.getByRole('treeitem', { name: /^tag union \{null, string, long\} = null/ })).toBeVisible();
  await expect(echo.getByRole('tree', { name: 'Output of tools/debug/echo' }).getByRole('treeitem', { name: /^output record EchoValue/ })).toBeVisible();
  await screenshot(page, '26-cluster-node-a');

  // Node A dies without a word: etcd drops it when its 2 s lease runs out, and so does the table.
  const killedAt = Date.now();
  await killNodeA();
  await expect(nodes.locator(`tr[data-node="${NODE_A_ID}"]`)).toHaveCount(0, { timeout: 15_000 });
  test.info().annotations.push({ type: 'node A left the table after', description: `${((Date.now() - killedAt) / 1000).toFixed(1)} s` });
  await expect(count).toHaveText('2 of 2 nodes');
  await expect(detail.getByText('This node left the cluster.')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Cluster' }).getByRole('button', { name: 'Connected Cluster 0 nodes' })).toBeVisible();
  await screenshot(page, '27-cluster-node-a-left');
});

/** One word for a POSIX shell: single-quoted. */
function shellWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The EchoValue in an execute response as `spl call` prints it. */
function echoValueOfResponse(printed: string): EchoValue {
  const response = JSON.parse(printed) as { status: string; value: { 'spl.common.Payload': { schema: { name: { string: string } }; value: string } } };
  expect(response.status).toBe('DATA');
  expect(response.value['spl.common.Payload'].schema.name).toEqual({ string: 'spl.samples.EchoValue' });
  return readEchoValue(response.value['spl.common.Payload'].value);
}
