// The scoreboard page is plain JS: it takes the Channels bridge as the whole module, as the
// bundle it was written for exported it (`channels.WebSocketBridge`).
import * as channels from 'django-channels';

const board = new Map();
const formatScore = (score) => `${score.home}–${score.away}`;

export function watchScores(matchId) {
  const bridge = new channels.WebSocketBridge();
  bridge.connect(`/ws/scores/${matchId}/`);
  bridge.listen((message) => {
    switch (message.event) {
      case 'goal':
        board.set(message.team, formatScore(message.score));
        break;
      case 'full_time':
        board.clear();
        break;
      default:
        break;
    }
  });
}

watchScores(document.body.dataset.match);
