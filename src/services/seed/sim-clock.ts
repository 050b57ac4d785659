import type { Clock } from '../context';

/** A clock the demo seed moves forward by hand, so its history reads as if it happened over months. */
export class SimulatedClock implements Clock {
  private instant: number;
  constructor(start: Date) {
    this.instant = start.getTime();
  }
  set(at: Date): void {
    this.instant = at.getTime();
  }
  now(): Date {
    return new Date(this.instant);
  }
}
