/** Thrown out of a job's progress report when someone asked the job to stop; the job ends `cancelled`. */
export class JobCancelled extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} was cancelled`);
    this.name = 'JobCancelled';
  }
}
