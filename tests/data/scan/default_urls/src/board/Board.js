import { open_connection } from "../lib/connection";

const on_update = ({ type, body }) => {
  switch (type) {
    case "board_diff":
      console.log("diff", body);
      break;
    case "board_reset":
      console.log("reset");
      break;
  }
};

// no address: the default, the page's own live socket
export const start_board = () => open_connection({ on_update });

// the replay board: its own address
export const start_replay_board = () =>
  open_connection({ on_update, address: `wss://${location.host}/board/replay` });
