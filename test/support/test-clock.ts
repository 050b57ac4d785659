import type { Clock } from '../../src/services/context';

export class TestClock implements Clock {
  private instant: number;
  constructor(start: string | Date) {
    this.instant = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.instant);
  }
  set(at: string | Date): void {
    this.instant = new Date(at).getTime();
  }
  advanceMinutes(minutes: number): void {
    this.instant += minutes * 60_000;
  }
}
