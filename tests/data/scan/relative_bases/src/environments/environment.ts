// Replaced at build time (angular.json `fileReplacements`) by environment.prod.ts.
export const DEFAULT_TITLE = 'Yard Console'

export const environment = {
  production: false,
  apiRoot: 'http://localhost:4200/api/',
  title: DEFAULT_TITLE,
  socketScheme: 'ws:',
  socketHost: 'localhost:4200',
  socketRoot: '/live/',
}
