import Sockette from 'sockette';
import { EventEmitter } from 'events';

const daemonOrigin = (): string => window.location.origin.replace(/^http/, 'ws');

/**
 * The node daemon's console socket. Every frame is `{ event, args }` and is re-emitted on this
 * object under its `event`, so components listen with `on` / `addListener`.
 */
export class ConsoleSocket extends EventEmitter {
    private socket: Sockette | null = null;
    private token = '';

    connect(): this {
        this.socket = new Sockette(`${daemonOrigin()}/ws/daemon/console`, {
            onmessage: (e) => {
                try {
                    const { event, args } = JSON.parse(e.data);
                    args ? this.emit(event, ...args) : this.emit(event);
                } catch (err) {
                    console.warn('Could not read a console frame.', err);
                }
            },
            onopen: () => {
                this.emit('SOCKET_OPEN');
                this.authenticate();
            },
            onreconnect: () => this.emit('SOCKET_RECONNECT'),
            onclose: () => this.emit('SOCKET_CLOSE'),
            onerror: (error) => this.emit('SOCKET_ERROR', error),
        });
        return this;
    }

    setToken(token: string): this {
        this.token = token;
        this.authenticate();
        return this;
    }

    authenticate(): void {
        if (this.token) this.send('auth', this.token);
    }

    send(event: string, payload?: string | string[]): void {
        this.socket?.send(JSON.stringify({ event, args: Array.isArray(payload) ? payload : [payload] }));
    }

    close(): void {
        this.socket?.close();
        this.socket = null;
    }
}
