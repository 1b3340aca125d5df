// Where the API lives; the build fills BACKEND_URL in.
export const isSecure = (url) => url.startsWith('https:')

export function backendUrl(context) {
  return context.$config.BACKEND_URL || 'http://localhost:8000'
}
