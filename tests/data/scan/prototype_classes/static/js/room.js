/* A chat room connection, in the same old style. */
'use strict';

function RoomConnection() {
    this.socket = null;
    this.onchat = null;
    this.users = {};
}

RoomConnection.prototype.send = function (m) {
    this.socket.send(JSON.stringify(m));
};

RoomConnection.prototype.connect = function (url) {
    var rc = this;
    rc.socket = new WebSocket(url);
    this.socket.onmessage = function (e) {
        var m = JSON.parse(e.data);
        switch (m.type) {
        case 'joined':
            rc.users[m.id] = m.username;
            break;
        case 'user':
            switch (m.kind) {
            case 'add':
                rc.users[m.id] = m.username;
                break;
            case 'delete':
                delete rc.users[m.id];
                break;
            }
            break;
        case 'chat':
            if (rc.onchat) rc.onchat.call(rc, m.username, m.value);
            break;
        case 'ping':
            rc.send({ type: 'pong' });
            break;
        default:
            console.warn('unexpected message', m.type);
        }
    };
};
