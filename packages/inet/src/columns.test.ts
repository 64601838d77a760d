import { describe, expect, it } from 'vitest';
import { fixed2, sctpStateName, tcpStateName, timerText, udpStateName } from './columns.js';

describe('timer and state columns', () => {
  it('formats the verified timer texts (spec §2.7)', () => {
    expect(timerText(true, 1, 150, '3', 5)).toBe('on (1.50/3/5)');
    expect(timerText(true, 2, 7200, '0', 0)).toBe('keepalive (72.00/0/0)');
    expect(timerText(true, 3, 3000, '0', 0)).toBe('timewait (30.00/0/0)');
    expect(timerText(true, 4, 55, '2', 0)).toBe('probe (0.55/2/0)');
    expect(timerText(true, 5, 12345, '31', -1)).toBe('unkn-5 (123.45/31/-1)');
    expect(timerText(false, 1, 250, '0', 3)).toBe('on1 (2.50/0/3)');
    expect(timerText(false, 2, 50, '0', 0)).toBe('on2 (0.50/0/0)');
    expect(timerText(false, 7, 50, '0', 0)).toBe('unkn-7 (0.50/0/0)');
    expect(timerText(false, 0, 50, '0', 0)).toBe('off (0.00/0/0)');
    expect(timerText(true, 2, 2n ** 64n - 1n, '1', -5)).toBe('keepalive (184467440737095520.00/1/-5)');
  });

  it('rounds %.2f like glibc (ties to even on the exact binary value)', () => {
    expect(fixed2(21474836.47)).toBe('21474836.47');
    expect(fixed2(2 ** 45 + 0.125)).toBe('35184372088832.12');
    expect(fixed2(2 ** 45 + 0.375)).toBe('35184372088832.38');
    expect(fixed2(2 ** 60)).toBe('1152921504606846976.00');
  });

  it('names states', () => {
    expect(tcpStateName(0)).toBe('');
    expect(tcpStateName(10)).toBe('LISTEN');
    expect(tcpStateName(12)).toBe('LISTENING');
    expect(udpStateName(1)).toBe('ESTABLISHED');
    expect(udpStateName(7)).toBe('');
    expect(udpStateName(3)).toBe('UNKNOWN');
    expect(sctpStateName(13)).toBe('UNKNOWN(13)');
    expect(sctpStateName(-1)).toBe('UNKNOWN(-1)');
  });
});
