/** Server-Sent Events of a job's stream (GET /jobs/{id}/events): each event's name and the job it carries. */
export interface JobEvent {
  event: string;
  data: { status: string; progress: { done: number; total: number | null } };
}

/** The events of a stream read as they come: `next()` the next one (null once the stream ended), `rest()` all that remain. */
export function readEvents(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const parse = (block: string): JobEvent | null => {
    const lines = block.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
    const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
    return event && data ? { event, data: JSON.parse(data) } : null;
  };
  const next = async (): Promise<JobEvent | null> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const parsed = parse(block);
        if (parsed) return parsed;
        continue;
      }
      const { done, value } = await reader.read();
      if (done) return null;
      buffer += decoder.decode(value, { stream: true });
    }
  };
  const rest = async () => {
    const events: JobEvent[] = [];
    for (let e = await next(); e; e = await next()) events.push(e);
    return events;
  };
  return { next, rest };
}

