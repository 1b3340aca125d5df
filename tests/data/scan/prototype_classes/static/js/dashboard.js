/* The dashboard page: registers what it shows, then connects. */
'use strict';

function renderState(state) {
    document.getElementById('state').textContent = state.text;
}

live.on('printer_state', renderState);
live.on('job_progress', function (job) {
    document.getElementById('progress').value = job.percent;
});
live.connect();
