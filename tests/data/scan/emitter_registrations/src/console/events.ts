// What the node daemon sends over the console socket (`{ event, args }`).
export enum ConsoleEvent {
  OUTPUT = 'console output',
  STATUS = 'status',
  STATS = 'stats',
  INSTALL_STARTED = 'install started',
  INSTALL_COMPLETED = 'install completed',
  BACKUP_COMPLETED = 'backup completed',
  DAEMON_ERROR = 'daemon error',
}

// What the panel asks of the daemon.
export enum ConsoleRequest {
  SEND_LOGS = 'send logs',
  SEND_STATS = 'send stats',
  SET_POWER = 'set state',
}
