/* Page start-up: one room connection, made when the page loads. */
'use strict';

var room;

function roomUrl() {
    return (location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host + '/room/ws';
}

function start() {
    room = new RoomConnection();
    room.onchat = function (user, text) {
        console.log(user + ': ' + text);
    };
    room.connect(roomUrl());
}

document.addEventListener('DOMContentLoaded', start);
