import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { socketOrigin } from '@/net/urls';

interface TerminalProps {
  socketPath: string;
  onExit?: (code: number) => void;
}

export interface TerminalHandle {
  focus(): void;
}

// a component wrapped in forwardRef: its props are its parameters, as a plain component's
export const Terminal = forwardRef<TerminalHandle, TerminalProps>(({ socketPath, onExit }, ref) => {
  const box = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => box.current?.focus() }), []);

  useEffect(() => {
    const ws = new WebSocket(`${socketOrigin()}${socketPath}`);
    ws.onmessage = (event: MessageEvent<string>) => {
      const frame = JSON.parse(event.data) as { kind: string; text?: string; code?: number };
      if (frame.kind === 'output') {
        box.current?.append(frame.text ?? '');
      } else if (frame.kind === 'exit') {
        onExit?.(frame.code ?? 0);
      }
    };
    return () => ws.close();
  }, [socketPath, onExit]);

  return <div ref={box} tabIndex={0} className="terminal" />;
});
Terminal.displayName = 'Terminal';
