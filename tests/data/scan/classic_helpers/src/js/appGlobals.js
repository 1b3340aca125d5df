// Shared state of the whole front end: one plain object every module imports.
const $app = {
  ws: null,
  listeners: {},
  toasts: {},
  apiBase: undefined,
}

export const apiUrl = function (version, endpoint) {
  if (typeof $app.apiBase === 'undefined') {
    $app.apiBase = window.location.protocol + '//' + window.location.host + '/app/api'
  }
  return $app.apiBase + '/' + version + '/' + endpoint
}

export default $app
