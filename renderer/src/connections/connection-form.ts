/**
 * The "Add connection" form's rules, apart from its looks: what each kind of connection takes,
 * the id a new connection gets from its name, the checks the host would make (said next to the
 * field, before a round trip), and what to save, token included, from what the user typed.
 */
import {
  LOCAL_CONNECTION_ID,
  type ConnectionConfig,
  type ConnectionSecrets,
  type ConnectionStatus,
  type RemoteConnectionKind,
} from '../../../shared/studio/api.js';

export interface KindInfo {
  kind: RemoteConnectionKind;
  label: string;
  /** What the URL names, for the field's hint. */
  hint: string;
  placeholder: string;
  schemes: readonly string[];
}

export const CONNECTION_KINDS: readonly KindInfo[] = [
  { kind: 'node', label: 'Node by URL', hint: 'The node\'s HTTP or TCP address.', placeholder: 'http://127.0.0.1:7400 or tcp://127.0.0.1:7401', schemes: ['http:', 'https:', 'tcp:', 'tcps:'] },
  { kind: 'etcd', label: 'etcd cluster', hint: 'The etcd client URL the nodes register in.', placeholder: 'http://127.0.0.1:2379', schemes: ['http:', 'https:'] },
  { kind: 'registry', label: 'Registry node', hint: 'The URL of the node the others join.', placeholder: 'http://127.0.0.1:7400', schemes: ['http:', 'https:', 'tcp:', 'tcps:'] },
];

export const kindInfo = (kind: RemoteConnectionKind): KindInfo => CONNECTION_KINDS.find((k) => k.kind === kind)!;

export const MAX_NAME = 120;
const MAX_TOKEN = 4096;
const MAX_ID = 64;

/** What the token field means when editing: keep what is stored, replace it, or forget it. */
export type TokenAction = 'keep' | 'replace' | 'clear';

export interface ConnectionForm {
  kind: RemoteConnectionKind;
  name: string;
  url: string;
  token: string;
  tokenAction: TokenAction;
  caFile: string;
}

export type FormErrors = Partial<Record<'name' | 'url' | 'token' | 'caFile', string>>;

export function emptyForm(): ConnectionForm {
  return { kind: 'node', name: '', url: '', token: '', tokenAction: 'replace', caFile: '' };
}

export function formFrom(connection: ConnectionStatus): ConnectionForm {
  return {
    kind: connection.kind === 'local' ? 'node' : connection.kind,
    name: connection.name,
    url: connection.url,
    token: '',
    tokenAction: connection.hasToken ? 'keep' : 'replace',
    caFile: connection.caFile ?? '',
  };
}

/** `https:` and `tcps:` URLs take a CA file; the URL's scheme, or undefined while unparsable. */
export function urlScheme(url: string): string | undefined {
  try {
    return new URL(url.trim()).protocol;
  } catch {
    return undefined;
  }
}

export const isSecureUrl = (url: string) => {
  const scheme = urlScheme(url);
  return scheme === 'https:' || scheme === 'tcps:';
};

/** A connection id from a name: lower case, a-z 0-9 - _, unique among `taken`, never "local". */
export function connectionIdFor(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  used.add(LOCAL_CONNECTION_ID);
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[-_]+|[-_]+$/g, '')
      .slice(0, MAX_ID)
      .replace(/[-_]+$/, '') || 'connection';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = base.slice(0, MAX_ID - suffix.length) + suffix;
    if (!used.has(id)) return id;
  }
}

export function validateForm(form: ConnectionForm): FormErrors {
  const errors: FormErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Give the connection a name, e.g. "Staging cluster".';
  else if (name.length > MAX_NAME) errors.name = `Keep the name to ${MAX_NAME} characters (it has ${name.length}).`;

  const info = kindInfo(form.kind);
  const url = form.url.trim();
  const examples = info.placeholder;
  if (url === '') {
    errors.url = `Enter the URL, e.g. ${examples}.`;
  } else {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      errors.url = `This is not a URL. Write it as ${examples}.`;
    }
    if (parsed) {
      if (!info.schemes.includes(parsed.protocol)) {
        errors.url = `${info.label} takes a URL starting with ${orList(info.schemes.map((s) => `${s}//`))}.`;
      } else if (!parsed.hostname || !parsed.port) {
        errors.url = `Name a host and a port, e.g. ${examples}.`;
      } else if (parsed.username || parsed.password) {
        errors.url = 'Remove the user name and password from the URL and put the credential in the token field.';
      }
    }
  }

  if (form.tokenAction === 'replace' && form.token !== '') {
    if (form.token.length > MAX_TOKEN) errors.token = `A token is at most ${MAX_TOKEN} characters.`;
    else if (hasControlCharacter(form.token)) errors.token = 'The token has a control character (a line break?): paste it again without it.';
  }

  if (form.caFile.includes('\0')) errors.caFile = 'This is not a file path.';
  return errors;
}

/** What the host refuses in a token: C0 controls and DEL. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const orList = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

export const hasErrors = (errors: FormErrors) => Object.keys(errors).length > 0;

/** What to save: the config for the workspace and, apart, the token for the user's settings. */
export function toSave(form: ConnectionForm, id: string): { config: ConnectionConfig; secrets?: ConnectionSecrets } {
  const config: ConnectionConfig = { id, name: form.name.trim(), kind: form.kind, url: form.url.trim() };
  const caFile = form.caFile.trim();
  if (caFile !== '' && isSecureUrl(form.url)) config.caFile = caFile;
  if (form.tokenAction === 'clear') return { config, secrets: { token: null } };
  if (form.tokenAction === 'replace' && form.token !== '') return { config, secrets: { token: form.token } };
  return { config };
}
