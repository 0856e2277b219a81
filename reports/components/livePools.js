// Live re-matching on the matching page: the pools a visitor can pick (matching.json's published
// pools), and the Rematcher, which runs every re-match in a Web Worker
// (reports/_generated/rematch-worker.js, bundled from src/matching/live-rematch.ts), so the page
// never freezes while the exact solver works, and says so while it does.

/**
 * Target size of the pool the page opens on (a live build publishes the round closest to it:
 * reports/data/lib/matching.ts, OPENING_POOL), so that its first re-match, with the engine still
 * cold, answers in under 300 ms: 760 people took 567 ms in the bench.
 */
export const OPENING_SIZE = 400;

/** Size of the sample of the latest round offered beside the whole rounds (its first registrations). */
export const SAMPLE_SIZE = 800;

/**
 * The pools offered for live re-matching: the latest published round, the other published ones,
 * and an 800-person sample of the latest when it is larger. Each option names its published pool
 * (`round`) and, for a sample, how many people it takes. Empty when the build carries no pools.
 * @returns {{key: string, label: string, round: string, take: number|undefined, people: number}[]}
 */
export function poolOptions(data) {
  const latest = data.pools.at(-1);
  if (!data.live || !latest) return [];
  const option = (p, take) => {
    const n = take ? Math.min(take, p.people.length) : p.people.length;
    return {
      key: take ? `${p.round}-first${n}` : p.round,
      label: take ? `${p.round}: first ${n.toLocaleString("en-GB")} registrations (a sample)` : `${p.round}: all ${n.toLocaleString("en-GB")} registrations`,
      round: p.round,
      take,
      people: n
    };
  };
  return [option(latest), ...data.pools.slice(0, -1).map((p) => option(p)), ...(latest.people.length > SAMPLE_SIZE ? [option(latest, SAMPLE_SIZE)] : [])];
}

/**
 * The option the page opens on: the largest whole round of at most 1.25 × {@link OPENING_SIZE}
 * people, else the option closest to that size (a sample).
 */
export function openingPool(options) {
  const whole = options.filter((o) => !o.take && o.people <= OPENING_SIZE * 1.25).sort((a, b) => b.people - a.people)[0];
  return whole ?? [...options].sort((a, b) => Math.abs(a.people - OPENING_SIZE) - Math.abs(b.people - OPENING_SIZE))[0];
}

/**
 * Runs re-matches in a Web Worker, latest request first: while one runs, a newer request waits
 * (replacing any older waiting one), and only the answer to the latest request is delivered.
 * `onState` listeners hear {busy, people, key} on every change; `onResult` listeners get
 * {result, request, wallMs} (wallMs: from the request to the answer, in this browser).
 */
export class Rematcher {
  /** @param {string} workerUrl the worker script's URL; @param {object} data matching.json. */
  constructor(workerUrl, data) {
    this.data = data;
    this.worker = new Worker(workerUrl);
    this.sent = new Set();
    this.nextId = 1;
    this.latest = null;
    this.running = null;
    this.waiting = null;
    this.stateListeners = new Set();
    this.resultListeners = new Set();
    /** The last answer delivered (listeners that subscribe late start from it). */
    this.last = null;
    this.worker.onmessage = (event) => this.answer(event.data);
    this.worker.onerror = (event) => this.answer({type: "error", id: this.running?.id, message: event.message || "the re-matching worker failed"});
  }

  /** Asks for a re-match of pool `option` under slider `values` with `edits` ({locks, forbids} of pool positions). */
  request(option, values, edits = {locks: [], forbids: []}) {
    const req = {id: this.nextId++, option, values: {...values}, edits: {locks: [...edits.locks], forbids: [...edits.forbids]}, t0: performance.now()};
    this.latest = req;
    if (this.running) this.waiting = req;
    else this.send(req);
    this.emitState();
    return req.id;
  }

  send(req) {
    const {option} = req;
    if (!this.sent.has(option.key)) {
      const published = this.data.pools.find((p) => p.round === option.round);
      this.worker.postMessage({type: "pool", key: option.key, label: option.label, published, take: option.take});
      this.sent.add(option.key);
    }
    this.running = req;
    this.worker.postMessage({type: "match", id: req.id, key: option.key, values: req.values, edits: req.edits});
  }

  answer(message) {
    const req = this.running;
    this.running = null;
    if (this.waiting) {
      const next = this.waiting;
      this.waiting = null;
      this.send(next);
    }
    if (req && message.id === this.latest?.id) {
      const payload = message.type === "result" ? {result: message.result, request: req, wallMs: performance.now() - req.t0} : {error: message.message, request: req};
      this.last = payload;
      for (const f of this.resultListeners) f(payload);
    }
    this.emitState();
  }

  get busy() {
    return this.running != null || this.waiting != null;
  }

  emitState() {
    const state = {busy: this.busy, people: this.latest?.option.people ?? 0, key: this.latest?.option.key ?? null, id: this.latest?.id ?? 0};
    for (const f of this.stateListeners) f(state);
  }

  onState(f) {
    this.stateListeners.add(f);
    return () => this.stateListeners.delete(f);
  }

  onResult(f) {
    this.resultListeners.add(f);
    return () => this.resultListeners.delete(f);
  }

  terminate() {
    this.worker.terminate();
  }
}
