// tools/text/split-words: Text -> Words. Its schemas are an IDL protocol with one message.
export default function splitWords(input, context) {
  const words = input.text.match(/[\p{L}\p{N}']+/gu) ?? [];
  context.logger.debug(`${words.length} words`);
  return { words, source: input.text.length > 40 ? `${input.text.slice(0, 40)}...` : input.text };
}
