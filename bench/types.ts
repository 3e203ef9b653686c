/** One line of the benchmark table: our figure, the peer's, their ratio and the goal. */
export type BenchRow = {
  goal: string
  name: string
  note?: string
  ours: string
  pass: boolean
  peer: string
  ratio: number
}
