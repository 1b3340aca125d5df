import { EventEmitter } from 'events';

// a clock for the charts: an emitter of its own, no socket behind it
export class Ticker extends EventEmitter {
    private timer: ReturnType<typeof setInterval> | undefined;

    start(ms = 1000): void {
        this.timer = setInterval(() => this.emit('tick', Date.now()), ms);
    }

    stop(): void {
        clearInterval(this.timer);
    }
}

export const chartClock = new Ticker();
chartClock.on('tick', () => undefined);

export const uiBus = new EventEmitter();
uiBus.on('theme_changed', (theme: string) => document.body.setAttribute('data-theme', theme));
