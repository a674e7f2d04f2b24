/**
 * Where a node's and its modules' messages go. `spl node` writes them to stderr, one line each;
 * the seed's API, by default, only warnings and errors (a library should not talk unasked).
 */
import type { ModuleLogger } from './module.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function streamLogger(write: (line: string) => void, least: LogLevel = 'info'): ModuleLogger {
  const at = (level: LogLevel) => (message: string) => {
    if (ORDER[level] >= ORDER[least]) write(`${level === 'info' ? '' : `${level}: `}${message}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: ModuleLogger = { debug() {}, info() {}, warn() {}, error() {} };
