export function formatPoints (row) {
  return { team: row.team, points: row.points.toFixed(1) }
}
