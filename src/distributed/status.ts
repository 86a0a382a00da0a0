// status: how far the queue has got, and why dead-lettered files failed.
import { openQueue, queueCounts, type QueueCounts } from "./queue.ts";

export interface StatusReport extends QueueCounts {
  /** The first dead-lettered files and their reasons. */
  deadLetters: Array<{ rel: string; reason: string }>;
}

export async function status(redis: string, queueName: string, listFailed: number): Promise<StatusReport> {
  const queue = openQueue(redis, queueName);
  try {
    const counts = await queueCounts(queue);
    const failed = listFailed > 0 ? await queue.getFailed(0, listFailed - 1) : [];
    return { ...counts, deadLetters: failed.map((j) => ({ rel: String(j.data?.rel), reason: j.failedReason })) };
  } finally {
    await queue.close();
  }
}

export function formatStatus(r: StatusReport): string {
  const lines = [`queued ${r.queued}  active ${r.active}  done ${r.done}  failed ${r.failed}`];
  for (const d of r.deadLetters) lines.push(`failed: ${d.rel}: ${d.reason}`);
  return lines.join("\n") + "\n";
}
