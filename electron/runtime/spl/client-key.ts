/**
 * The property a generated client goes under: the seed writes `clients.data.write(...)` for
 * SPLDataService, so `SPL` and `Service` are dropped and the rest starts lower-case
 * (`SPLExecuteService` → `execute`, `spl.data.SPLDataService` → `data`, `BillingService` → `billing`).
 */
type Simple<N extends string> = N extends `${string}.${infer Rest}` ? Simple<Rest> : N;
type Core<N extends string> = N extends `SPL${infer R}Service` ? R : N extends `${infer R}Service` ? (R extends '' ? N : R) : N;
export type ClientKey<N extends string> = Uncapitalize<Core<Simple<N>>>;

export function clientKey<N extends string>(name: N): ClientKey<N> {
  const simple = name.slice(name.lastIndexOf('.') + 1);
  let core = simple.replace(/^SPL(?=.+Service$)/, '');
  if (core.endsWith('Service') && core !== 'Service') core = core.slice(0, -'Service'.length);
  return (core.charAt(0).toLowerCase() + core.slice(1)) as ClientKey<N>;
}
