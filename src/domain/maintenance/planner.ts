/**
 * The maintenance planner: fills a horizon of windows with backlog items, deterministically. Items are taken
 * by priority (critical first), then due date (none last), then age (oldest first), then id; each goes into
 * the earliest window with room for it (first fit). A window in progress keeps the items already in it and
 * takes no new ones: the team works the list it started with, new work waits for the next window.
 */

export type PlanPriority = 'critical' | 'high' | 'medium' | 'low';

const PRIORITY_RANK: Record<PlanPriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export interface PlanWindow {
  id: string;
  startsAt: number;
  endsAt: number;
  capacityMinutes: number;
  status: 'scheduled' | 'in_progress';
}

export interface PlanItem {
  id: string;
  priority: PlanPriority;
  dueAt: number | null;
  createdAt: number;
  /** Null: the planner uses the default size. */
  estimateMinutes: number | null;
  /**
   * The window the item is planned into now. One that is not among the input windows is over (closed,
   * cancelled or past): the item did not get done there.
   */
  currentWindowId: string | null;
  rollCount: number;
}

export interface PlanInput {
  windows: readonly PlanWindow[];
  items: readonly PlanItem[];
  defaultSizeMinutes: number;
}

export type UnplannedReason =
  /** No window in the horizon accepts new items. */
  | 'no_window'
  /** The item is larger than every window's capacity: split it or give it a one-off window. */
  | 'larger_than_any_window'
  /** Every window in the horizon is full. */
  | 'no_room';

export interface PlannedItem {
  id: string;
  windowId: string | null;
  /** 1-based order inside its window; for unplanned items, their order among the unplanned. */
  position: number;
  sizeMinutes: number;
  /** It moved to a later window (or out of the horizon) from the one it was in. */
  rolled: boolean;
  rollCount: number;
  unplannedReason: UnplannedReason | null;
}

export interface PlannedWindow {
  id: string;
  plannedMinutes: number;
  /** Negative only when a window in progress holds more than its capacity. */
  remainingMinutes: number;
  itemIds: string[];
}

export interface Plan {
  /** In planning order (the order above). */
  items: PlannedItem[];
  /** Chronological. */
  windows: PlannedWindow[];
}

export function compareItems(a: PlanItem, b: PlanItem): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    compareDue(a.dueAt, b.dueAt) ||
    a.createdAt - b.createdAt ||
    compareText(a.id, b.id)
  );
}

function compareDue(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function planWindows(input: PlanInput): Plan {
  if (!(input.defaultSizeMinutes > 0)) throw new RangeError('defaultSizeMinutes must be positive');
  const windows = [...input.windows].sort((a, b) => a.startsAt - b.startsAt || compareText(a.id, b.id));
  const order = new Map(windows.map((window, index) => [window.id, index]));
  const tally = new Map(windows.map((window) => [window.id, { planned: 0, itemIds: [] as string[] }]));
  const open = windows.filter((window) => window.status === 'scheduled');
  const largest = Math.max(0, ...open.map((window) => window.capacityMinutes));
  const items = [...input.items].sort(compareItems);
  const placement = new Map<string, { windowId: string | null; reason: UnplannedReason | null }>();

  const place = (item: PlanItem, windowId: string, size: number) => {
    const entry = tally.get(windowId)!;
    entry.planned += size;
    entry.itemIds.push(item.id);
    placement.set(item.id, { windowId, reason: null });
  };

  // Items already inside a window in progress stay there, whatever their size.
  for (const item of items) {
    const current =
      item.currentWindowId === null ? undefined : windows[order.get(item.currentWindowId) ?? -1];
    if (current?.status === 'in_progress') place(item, current.id, sizeOf(item, input));
  }
  for (const item of items) {
    if (placement.has(item.id)) continue;
    const size = sizeOf(item, input);
    const fit = open.find((window) => window.capacityMinutes - tally.get(window.id)!.planned >= size);
    if (fit) place(item, fit.id, size);
    else placement.set(item.id, { windowId: null, reason: reasonFor(size, open.length, largest) });
  }

  let unplannedPosition = 0;
  const planned: PlannedItem[] = items.map((item) => {
    const { windowId, reason } = placement.get(item.id)!;
    const rolled = hasRolled(item.currentWindowId, windowId, order);
    return {
      id: item.id,
      windowId,
      position: windowId === null ? ++unplannedPosition : tally.get(windowId)!.itemIds.indexOf(item.id) + 1,
      sizeMinutes: sizeOf(item, input),
      rolled,
      rollCount: item.rollCount + (rolled ? 1 : 0),
      unplannedReason: reason,
    };
  });
  return {
    items: planned,
    windows: windows.map((window) => {
      const entry = tally.get(window.id)!;
      return {
        id: window.id,
        plannedMinutes: entry.planned,
        remainingMinutes: window.capacityMinutes - entry.planned,
        itemIds: entry.itemIds,
      };
    }),
  };
}

function sizeOf(item: PlanItem, input: PlanInput): number {
  return item.estimateMinutes ?? input.defaultSizeMinutes;
}

function reasonFor(size: number, openWindows: number, largest: number): UnplannedReason {
  if (openWindows === 0) return 'no_window';
  return size > largest ? 'larger_than_any_window' : 'no_room';
}

/**
 * An item rolls when it leaves the window it was in for a later one or for none: its window is over without
 * it done, or it was pushed out by work that comes first. Moving to an earlier window is not a roll.
 */
function hasRolled(
  previous: string | null,
  next: string | null,
  order: ReadonlyMap<string, number>,
): boolean {
  if (previous === null || previous === next) return false;
  const previousIndex = order.get(previous);
  if (previousIndex === undefined || next === null) return true;
  return order.get(next)! > previousIndex;
}
