// JSON.parse that gives `fallback` instead of throwing on a malformed frame
export function safeJsonParse(text, fallback = null) {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}
