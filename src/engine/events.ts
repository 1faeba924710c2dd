// What happened during a command, as data. Each event names the course facts it shows, so the
// explainer can teach from it and the quiz can follow up on the student's mistakes.

export type FactId = `F${string}`;

export interface EngineEvent {
  /** A stable name, e.g. `container.exited`, `image.pulled`, `volume.seeded`. */
  kind: string;
  facts: FactId[];
  /** Details for the explanation (names, counts, sizes, paths). */
  data: Record<string, string | number | boolean>;
}

export function event(kind: string, facts: FactId[], data: EngineEvent['data'] = {}): EngineEvent {
  return { kind, facts, data };
}
