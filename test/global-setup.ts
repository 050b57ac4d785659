// Filled in by the database test harness (prepares a migrated PGlite template once per run).
export default function setup(): void {}
