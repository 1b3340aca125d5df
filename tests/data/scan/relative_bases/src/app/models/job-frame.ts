export type JobFrameType = 'job_progress' | 'job_done' | 'job_failed'

export interface JobFrame {
  type: JobFrameType
  job: number
  percent?: number
  error?: string
}

export interface AlertFrame {
  kind: 'alert_raised' | 'alert_cleared'
  id: string
}
