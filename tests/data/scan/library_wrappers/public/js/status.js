/* The kiosk page loads sockjs.min.js with a <script> tag; this script uses its global. */
(function () {
    var box = document.getElementById('status');
    var sock = new SockJS('/kiosk/sockjs');
    sock.onmessage = function (e) {
        var frame;
        try {
            frame = JSON.parse(e.data);
        } catch (err) {
            return;
        }
        if (frame.type === 'queue_length') box.textContent = frame.value;
        else if (frame.type === 'closed') box.textContent = 'closed';
    };
})();
