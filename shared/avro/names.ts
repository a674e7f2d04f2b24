/**
 * Avro name rules: what a valid simple name is, and how a (possibly dotted) name and the
 * namespace in scope combine into a full name.
 */

/**
 * Avro 1.12 Java's default validator (`NameValidator.UTF_VALIDATOR`): a letter or `_`, then
 * letters, decimal digits or `_`. Java accepts any Unicode letter, not just ASCII, and so do we,
 * so `Структура` and `文字列` are valid names (the IDL test corpus uses them).
 */
const NAME = /^[_\p{L}][_\p{L}\p{Nd}]*$/u;

export function isValidName(name: string): boolean {
  return NAME.test(name);
}

/** A namespace is a dot-separated sequence of valid names; the empty string is the null namespace. */
export function isValidNamespace(namespace: string): boolean {
  return namespace === '' || namespace.split('.').every(isValidName);
}

/** Why a simple name is invalid, in words a user can act on, or undefined when it is valid. */
export function nameProblem(name: string, what = 'name'): string | undefined {
  const reason = invalidReason(name);
  return reason === undefined ? undefined : `${what} '${name}' ${reason}`;
}

/** Why a dotted full name (or namespace) is invalid, or undefined when every part is valid. */
export function fullNameProblem(fullName: string, what = 'name'): string | undefined {
  for (const part of fullName.split('.')) {
    const reason = invalidReason(part);
    if (reason !== undefined) return `${what} '${fullName}' is invalid: part '${part}' ${reason}`;
  }
  return undefined;
}

function invalidReason(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (isValidName(name)) return undefined;
  const chars = [...name];
  if (!/^[_\p{L}]$/u.test(chars[0])) return `must start with a letter or '_', not '${chars[0]}'`;
  const bad = chars.find((c) => !/^[_\p{L}\p{Nd}]$/u.test(c));
  return `may only contain letters, digits and '_' (found '${bad}')`;
}

export interface SplitName {
  /** The simple name, the part after the last dot. */
  name: string;
  /** The namespace, or undefined for the null namespace. */
  namespace: string | undefined;
  /** `namespace.name`, or `name` in the null namespace. */
  fullName: string;
}

/**
 * Splits a name as Avro reads a `name` attribute: a dotted name carries its own namespace and
 * ignores the default; otherwise the default namespace applies. An empty namespace (`""`) means
 * the null namespace, as in Java (`"namespace": ""` escapes an enclosing namespace).
 */
export function splitFullName(fullName: string, defaultNamespace: string | undefined): SplitName {
  const lastDot = fullName.lastIndexOf('.');
  const name = lastDot < 0 ? fullName : fullName.slice(lastDot + 1);
  const space = lastDot < 0 ? defaultNamespace : fullName.slice(0, lastDot);
  const namespace = space === undefined || space === '' ? undefined : space;
  return { name, namespace, fullName: namespace === undefined ? name : `${namespace}.${name}` };
}

/** The full name a name denotes in a namespace (a dotted name is already full). */
export function resolveName(name: string, namespace: string | undefined): string {
  return splitFullName(name, namespace).fullName;
}

/** The simple name of a full name: the part after the last dot. */
export function simpleName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}
