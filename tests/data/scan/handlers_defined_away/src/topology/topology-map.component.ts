import { Component, OnDestroy, OnInit } from '@angular/core';
import { HttpClient } from '@angular/common/http';

import { TopologyEvents } from './handlers/topology-events';

@Component({ selector: 'app-topology-map', template: '<svg></svg>' })
export class TopologyMapComponent implements OnInit, OnDestroy {
  private socket: WebSocket | null = null;

  constructor(private readonly events: TopologyEvents, private readonly http: HttpClient) {}

  ngOnInit(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.socket = new WebSocket(`${scheme}://${location.host}/v3/topology/notifications`);
    this.socket.onmessage = (e: MessageEvent<string>) => {
      try {
        this.events.apply(JSON.parse(e.data));
      } catch {
        this.http.post('/v3/client-errors', { where: 'topology' }).subscribe();
      }
    };
  }

  ngOnDestroy(): void {
    this.socket?.close();
  }
}
