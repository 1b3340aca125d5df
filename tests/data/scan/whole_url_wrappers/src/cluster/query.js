// Appends query parameters, one by one: what it returns is built in a loop.
export function addParam(url, key, val) {
  let out = url + (url.includes('?') ? '&' : '?');
  const values = Array.isArray(val) ? val : [val];
  out += values.map((v) => (v === null ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(v)}`)).join('&');
  return out;
}
