import { describe, expect, it } from 'vitest';
import { warmUpRequestThread } from '../../src/api/warm-up-request-thread.js';

describe('warmUpRequestThread', () => {
  it('routes one /health request in-process and drains it', async () => {
    const asked: string[] = [];
    let drained = false;
    const app = {
      request(path: string) {
        asked.push(path);
        return new Response(new ReadableStream({ pull: (controller) => { drained = true; controller.close(); } }));
      },
    };
    await warmUpRequestThread(app, 'Asia/Shanghai');
    expect(asked).toEqual(['/health']);
    expect(drained).toBe(true);
  });

  it('rejects with the formatter\'s error for a time zone that does not exist (the server logs it at start) instead of hiding it', async () => {
    await expect(warmUpRequestThread({ request: () => new Response('') }, 'Mars/Olympus_Mons')).rejects.toThrow(RangeError);
  });
});
