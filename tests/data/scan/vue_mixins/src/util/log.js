export function logSocket(what, url, retry) {
  const stamp = new Date().toISOString()
  console.debug(`${stamp} ${what} ${url} (retry in ${retry} ms)`)
}
