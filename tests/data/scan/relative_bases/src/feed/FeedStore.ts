import * as config from '../config';
import {Notice} from './types';

export class FeedStore {
    private listening = false;
    private socket: WebSocket | null = null;

    public constructor(private readonly loggedIn: () => boolean) {}

    public listen = (onNotice: (notice: Notice) => void) => {
        if (!this.loggedIn() || this.listening) {
            return;
        }
        this.listening = true;

        // `url` is the server's address with its path, ending in a slash
        const socketUrl = config.get('url').replace('http', 'ws').replace('https', 'wss');
        const ws = new WebSocket(socketUrl + 'feed');

        ws.onerror = () => {
            this.listening = false;
        };
        ws.onmessage = (data) => onNotice(JSON.parse(data.data));
        ws.onclose = () => {
            this.listening = false;
        };
        this.socket = ws;
    };

    public history = () => fetch(config.get('url') + 'feed/history').then((r) => r.json());

    public close = () => this.socket?.close(1000, 'logout');
}
