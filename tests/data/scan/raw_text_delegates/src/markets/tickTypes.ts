export interface TickFrame {
  kind: 'quote' | 'trade' | 'halt' | 'resume';
  data: { symbol: string; price: number; size?: number };
}
