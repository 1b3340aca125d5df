import { JobStatusService } from './job-status.service'

describe('JobStatusService', () => {
  it('opens its socket', () => {
    const fake = new WebSocket('ws://localhost:4200/live/jobs/')
    expect(fake).toBeTruthy()
    expect(new JobStatusService()).toBeTruthy()
  })
})
