// tools/text/uppercase: the smallest typed module. Its schemas are in JSON (input.avsc,
// output.avsc); output.avsc names the record input.avsc defines.
export const description = 'Upper-cases a text.';

export default function uppercase(input) {
  return { text: input.text.toUpperCase() };
}
