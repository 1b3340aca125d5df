// Near miss: the only field this handler compares is a nested one, `payload.type`; it is the
// connection's discriminator and its values are the message types.
const clock = new WebSocket(`wss://${location.host}/ws/clock`);

clock.onmessage = ({ data }) => {
  const frame = JSON.parse(data);
  if (frame.payload.type === "tick") {
    document.body.dataset.now = String(frame.payload.at);
  } else if (frame.payload.type === "drift") {
    console.warn("clock drift", frame.payload.ms);
  }
};
