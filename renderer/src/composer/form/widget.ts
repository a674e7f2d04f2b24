/**
 * Custom editors for named types: a `FormWidget` registered under a full name (e.g.
 * `spl.common.Payload`, edited as a typed payload) replaces the form's own editor wherever that
 * type appears. It gets the value and hands new ones up exactly as the form's editors do.
 */
import { createContext, type JSX } from 'react';
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import type { Schema } from '../../../../shared/avro/model.js';

export type FormWidget = (props: { schema: Schema; value: RuntimeValue; onChange(v: RuntimeValue): void; path: string }) => JSX.Element;

export const WidgetsContext = createContext<Record<string, FormWidget>>({});
