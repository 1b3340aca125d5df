import { useEffect, useReducer } from 'react';
import { useMarketStore } from '../stores/useMarketStore';

type Level = [price: number, size: number];
type Book = { bids: Level[]; asks: Level[] };

function reduce(book: Book, frame: { type: string; bids?: Level[]; asks?: Level[] }): Book {
  return { bids: frame.bids ?? book.bids, asks: frame.asks ?? book.asks };
}

export default function OrderBook() {
  const { socket, status } = useMarketStore();
  const [book, apply] = useReducer(reduce, { bids: [], asks: [] });

  useEffect(() => {
    if (!socket) return;
    function onFrame(event: MessageEvent) {
      const frame = JSON.parse(event.data);
      switch (frame.type) {
        case 'book_snapshot':
        case 'book_delta':
          apply(frame);
          break;
        default:
          break;
      }
    }
    socket.addEventListener('message', onFrame);
    return () => socket.removeEventListener('message', onFrame);
  }, [socket]);

  return (
    <table data-status={status}>
      <tbody>{book.bids.map(([p, s]) => <tr key={p}><td>{p}</td><td>{s}</td></tr>)}</tbody>
    </table>
  );
}
