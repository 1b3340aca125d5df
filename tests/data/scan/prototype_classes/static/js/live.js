/* Printer status client, written before the app had a build step: a constructor function
 * and its prototype. One instance for the whole page, `window.live`. */
'use strict';

function LiveClient(base) {
    this.base = base;
    this.handlers = {};
    this.socket = null;
    this.retries = 0;
}

LiveClient.prototype.connect = function () {
    var self = this;
    self.socket = new WebSocket(self.base + '/live/ws');
    self.socket.onmessage = function (e) {
        var msg;
        try {
            msg = JSON.parse(e.data);
        } catch (err) {
            return;
        }
        var list = self.handlers[msg.type] || [];
        list.forEach(function (fn) {
            fn(msg.data);
        });
    };
    self.socket.onclose = function () {
        self.retries += 1;
        setTimeout(function () {
            self.connect();
        }, Math.min(30000, 1000 * self.retries));
    };
};

LiveClient.prototype.on = function (type, fn) {
    (this.handlers[type] = this.handlers[type] || []).push(fn);
};

LiveClient.prototype.close = function () {
    if (this.socket) this.socket.close();
};

window.live = new LiveClient((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host);
