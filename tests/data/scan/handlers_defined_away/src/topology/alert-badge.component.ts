import { Component, OnInit } from '@angular/core';

import { FeedKind, FeedService } from './feed.service';

@Component({ selector: 'app-alert-badge', template: '<span>{{ count }}</span>' })
export class AlertBadgeComponent implements OnInit {
  count = 0;

  constructor(private readonly feed: FeedService) {}

  ngOnInit(): void {
    this.feed.connect();
    this.feed.receive(FeedKind.ALERT_RAISED).subscribe(() => (this.count += 1));
    this.feed.receive(FeedKind.ALERT_CLEARED).subscribe(() => (this.count = Math.max(0, this.count - 1)));
  }
}
