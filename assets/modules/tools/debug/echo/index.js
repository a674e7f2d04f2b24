// tools/debug/echo: EchoValue -> EchoValue, unchanged. Longs beyond 2^53 arrive as bigints and
// leave as they came, so what the composer sent is exactly what comes back.
export default function echo(input) {
  return input;
}
