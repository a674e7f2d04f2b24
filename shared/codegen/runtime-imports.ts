/**
 * What generated code imports from the runtime package, and the import lines for it. The names
 * are claimed before any Avro name, so a record called `Channel` is renamed rather than hiding
 * the runtime's; only the names a file uses are imported.
 */
import type { NameAllocator } from './identifiers.js';

/** Values and types generated code may use; the runtime module must export each of them. */
export const RUNTIME_VALUES = ['DeclaredError', 'HttpChannel', 'RpcClient', 'TcpChannel', 'asEngineValue', 'readProtocolJson'] as const;
export const RUNTIME_TYPES = ['CallContext', 'CallOptions', 'Channel', 'ClientOptions', 'Handler', 'RpcServer'] as const;

export type RuntimeValueName = (typeof RUNTIME_VALUES)[number];
export type RuntimeTypeName = (typeof RUNTIME_TYPES)[number];

export class RuntimeImports {
  private readonly values = new Set<RuntimeValueName>();
  private readonly types = new Set<RuntimeTypeName>();

  constructor(allocator: NameAllocator) {
    for (const name of [...RUNTIME_VALUES, ...RUNTIME_TYPES]) allocator.claim(name);
  }

  value(name: RuntimeValueName): string {
    this.values.add(name);
    return name;
  }

  type(name: RuntimeTypeName): string {
    this.types.add(name);
    return name;
  }

  /** The import declarations, sorted, from `specifier`. */
  lines(specifier: string): string[] {
    const from = `'${specifier.replace(/[\\']/g, '\\$&')}'`;
    const lines: string[] = [];
    if (this.values.size > 0) lines.push(`import { ${[...this.values].sort().join(', ')} } from ${from};`);
    if (this.types.size > 0) lines.push(`import type { ${[...this.types].sort().join(', ')} } from ${from};`);
    return lines;
  }
}
