/**
 * The write gate: writes side by side, a pause alone, in the order they asked.
 */
import { describe, expect, it } from 'vitest';
import { WriteGate } from '../../graph/write-gate.js';

/** A promise and the function that settles it. */
function latch(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
const turn = () => new Promise((r) => setImmediate(r));

describe('write gate', () => {
  it('lets writes run side by side', async () => {
    const gate = new WriteGate();
    const hold = latch();
    let running = 0;
    let most = 0;
    const writes = Array.from({ length: 50 }, () =>
      gate.write(async () => {
        most = Math.max(most, ++running);
        await hold.promise;
        running--;
      }),
    );
    await turn();
    expect(most).toBe(50);
    hold.open();
    await Promise.all(writes);
  });

  it('holds a pause until the writes in progress end, and later writes until the pause ends', async () => {
    const gate = new WriteGate();
    const events: string[] = [];
    const first = latch();
    const pauseHeld = latch();
    const w1 = gate.write(async () => {
      events.push('w1 start');
      await first.promise;
      events.push('w1 end');
    });
    await turn();
    const pause = gate.paused(async () => {
      events.push('pause start');
      await pauseHeld.promise;
      events.push('pause end');
    });
    const w2 = gate.write(async () => {
      events.push('w2');
    });
    await turn();
    // The pause waits for w1; w2, asked after the pause, waits behind it.
    expect(events).toEqual(['w1 start']);
    first.open();
    await w1;
    await turn();
    expect(events).toEqual(['w1 start', 'w1 end', 'pause start']);
    pauseHeld.open();
    await Promise.all([pause, w2]);
    expect(events).toEqual(['w1 start', 'w1 end', 'pause start', 'pause end', 'w2']);
  });

  it('runs pauses one at a time, and frees its place when work fails', async () => {
    const gate = new WriteGate();
    let inside = 0;
    let most = 0;
    const pauses = Array.from({ length: 5 }, (_, i) =>
      gate.paused(async () => {
        most = Math.max(most, ++inside);
        await turn();
        inside--;
        if (i === 2) throw new Error('failed');
      }),
    );
    const settled = await Promise.allSettled(pauses);
    expect(most).toBe(1);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    await expect(gate.write(async () => 'after')).resolves.toBe('after');
  });
});
