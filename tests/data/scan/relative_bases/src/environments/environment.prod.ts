const root = document.baseURI.replace(/^https?:\/\/[^/]+/, '')

export const environment = {
  production: true,
  apiRoot: `${root}api/`,
  title: 'Yard Console',
  socketScheme: window.location.protocol === 'https:' ? 'wss:' : 'ws:',
  socketHost: window.location.host,
  socketRoot: `${root}live/`,
}
