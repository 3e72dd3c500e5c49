import { describe, expect, it } from 'vitest';
import { DeliveryLog } from '../../bench/coordination/delivery-log.js';

describe('DeliveryLog', () => {
  it('times each receipt from when its send was due, and from its acknowledgement', () => {
    const log = new DeliveryLog();
    log.expect('a', 1000, 1, true);
    log.expect('b', 2000, 1, true);
    log.acknowledged('a', 1500);
    log.delivered('a', 1600);
    // The receipt may come before the sender is answered.
    log.delivered('b', 2300);
    log.acknowledged('b', 2400);

    const summary = log.summary();
    expect(log.settled).toBe(true);
    expect(summary.sends).toBe(2);
    expect(summary.acknowledged).toMatchObject({ count: 2, minUs: 400, maxUs: 500 });
    expect(summary.delivered).toMatchObject({ count: 2, minUs: 300, maxUs: 600 });
    expect(summary.afterAcknowledgement).toMatchObject({ count: 2, minUs: -100, maxUs: 100 });
    expect(summary).toMatchObject({ failedSends: 0, missingDeliveries: 0, duplicates: 0 });
  });

  it('times every recipient of a broadcast and, once all have it, the last of them', () => {
    const log = new DeliveryLog();
    log.expect('all', 0, 3, true);
    log.delivered('all', 10);
    log.delivered('all', 30);
    expect(log.settled).toBe(false);
    expect(log.summary().lastDelivered.count).toBe(0);
    log.delivered('all', 20);
    expect(log.settled).toBe(true);
    const summary = log.summary();
    expect(summary.delivered).toMatchObject({ count: 3, minUs: 10, maxUs: 30 });
    expect(summary.lastDelivered).toMatchObject({ count: 1, p50Us: 30 });
  });

  it('leaves warm-up sends out of the figures but waits for them all the same', () => {
    const log = new DeliveryLog();
    log.expect('warm', 0, 1, false);
    log.expect('measured', 100, 1, true);
    log.delivered('measured', 150);
    expect(log.settled).toBe(false);
    log.delivered('warm', 50);
    expect(log.settled).toBe(true);
    expect(log.summary()).toMatchObject({ sends: 1, delivered: { count: 1, p50Us: 50 } });
  });

  it('counts failed sends by kind and stops waiting for their deliveries', () => {
    const log = new DeliveryLog();
    log.expect('refused', 0, 2, true);
    log.expect('lost', 0, 1, true);
    log.expect('warm-refused', 0, 1, false);
    log.delivered('refused', 5);
    log.failed('refused', 'http_400_invalid_input');
    log.failed('refused', 'counted once');
    log.failed('warm-refused', 'not measured');
    expect(log.settled).toBe(false);

    const summary = log.summary();
    expect(summary.failedSends).toBe(1);
    expect(summary.failuresByKind).toEqual({ http_400_invalid_input: 1 });
    expect(summary.missingDeliveries).toBe(1);
    log.delivered('lost', 9);
    expect(log.settled).toBe(true);
  });

  it('ignores receipts of sends it does not know and counts receipts beyond the recipients', () => {
    const log = new DeliveryLog();
    log.expect('once', 0, 1, true);
    log.delivered('someone else’s', 1);
    log.delivered('once', 2);
    log.delivered('once', 3);
    expect(log.summary()).toMatchObject({ duplicates: 1, delivered: { count: 1 } });
    expect(() => log.expect('once', 0, 1, true)).toThrow(RangeError);
  });

  it('waits until settled, or says it gave up', async () => {
    const log = new DeliveryLog();
    log.expect('late', 0, 1, true);
    expect(await log.waitSettled(20)).toBe(false);
    setTimeout(() => log.delivered('late', 1), 10);
    expect(await log.waitSettled(5_000)).toBe(true);
  });
});
