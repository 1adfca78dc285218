/** A binary min-heap of (score, job) pairs for the repair pass; ties go to the lower job index. */
export class MinQueue {
  private readonly scores: number[] = [];
  private readonly jobs: number[] = [];

  push(score: number, job: number): void {
    const { scores, jobs } = this;
    let at = scores.length;
    scores.push(score);
    jobs.push(job);
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (!this.less(at, up)) break;
      this.swap(at, up);
      at = up;
    }
  }

  pop(): { score: number; job: number } | undefined {
    const { scores, jobs } = this;
    if (scores.length === 0) return undefined;
    const top = { score: scores[0] as number, job: jobs[0] as number };
    const lastScore = scores.pop() as number;
    const lastJob = jobs.pop() as number;
    if (scores.length > 0) {
      scores[0] = lastScore;
      jobs[0] = lastJob;
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let next = at;
        if (left < scores.length && this.less(left, next)) next = left;
        if (right < scores.length && this.less(right, next)) next = right;
        if (next === at) break;
        this.swap(at, next);
        at = next;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const sa = this.scores[a] as number;
    const sb = this.scores[b] as number;
    return sa < sb || (sa === sb && (this.jobs[a] as number) < (this.jobs[b] as number));
  }

  private swap(a: number, b: number): void {
    const { scores, jobs } = this;
    [scores[a], scores[b]] = [scores[b] as number, scores[a] as number];
    [jobs[a], jobs[b]] = [jobs[b] as number, jobs[a] as number];
  }
}
