/**
 * Proof that a round is synthetic (docs/privacy.md, "Synthetic data"). A synthetic round changes
 * what a build publishes (per-person pool records for live re-matching, the synthetic banner), so
 * it must be proven, not declared: `iln demo` writes into each round.json a marker
 * `{"generator": "iln demo", "files": {name: sha256}, "signature": hex}` where `files` lists the
 * SHA-256 of every export file it wrote and `signature` is HMAC-SHA256 under a fixed key of the
 * round's id, name, dates and that list. The ingest marks a round synthetic only when the
 * signature verifies and the round folder holds exactly the listed files with those digests; a
 * hand-written `"synthetic": true`, an edited file or an added real file makes it real data.
 *
 * The key is in this file, so anyone can forge a marker on purpose: the proof guards against
 * accidents (a flag copied into a real round.json, a real export dropped into a demo folder),
 * not against a determined forger, who could as well publish the data by hand.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The generator a marker names. */
export const DEMO_GENERATOR = "iln demo";

/** Fixed, public signing key of the demo generator (see module doc). */
const DEMO_KEY = "iln-outcomes: synthetic rounds written by `iln demo`, v1";

/** The marker `iln demo` writes into a round.json as `synthetic`. */
export interface SyntheticMarker {
  generator: string;
  /** Export file name -> SHA-256 (hex) of its bytes. */
  files: Record<string, string>;
  /** HMAC-SHA256 (hex) of the round and the file list (module doc). */
  signature: string;
}

/** A round's identity as round.json gives it. */
export interface RoundIdentity {
  id: string;
  name: string;
  start: string;
  end: string;
}

/** SHA-256 (hex) of a file's bytes (text as UTF-8). */
export function fileDigest(bytes: string | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function signatureOf(round: RoundIdentity, generator: string, files: Record<string, string>): string {
  const list = Object.keys(files).sort().map((name) => [name, files[name]]);
  return createHmac("sha256", DEMO_KEY).update(JSON.stringify([generator, round.id, round.name, round.start, round.end, list])).digest("hex");
}

/**
 * The marker for a round whose export files are `files` (name -> content), as `iln demo` writes it.
 */
export function signSynthetic(round: RoundIdentity, files: Readonly<Record<string, string | Uint8Array>>): SyntheticMarker {
  const digests = Object.fromEntries(Object.keys(files).sort().map((name) => [name, fileDigest(files[name])]));
  return { generator: DEMO_GENERATOR, files: digests, signature: signatureOf(round, DEMO_GENERATOR, digests) };
}

/**
 * Why `marker` does not prove the round synthetic, or null when it does: the generator is
 * `iln demo`, the signature matches the round and the listed digests, and `files` (every export
 * file of the round folder, name -> bytes) are exactly the listed files with those digests.
 */
export function syntheticProblem(round: RoundIdentity, marker: SyntheticMarker, files: Readonly<Record<string, Uint8Array>>): string | null {
  if (marker.generator !== DEMO_GENERATOR) return `the marker names generator ${JSON.stringify(marker.generator)}, not ${JSON.stringify(DEMO_GENERATOR)}`;
  const expected = Buffer.from(signatureOf(round, marker.generator, marker.files), "hex");
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(marker.signature) ? marker.signature : "", "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "its signature does not match the round and its file list";
  const listed = Object.keys(marker.files).sort();
  const present = Object.keys(files).sort();
  const extra = present.filter((n) => !(n in marker.files));
  if (extra.length) return `the folder holds ${extra.join(", ")}, which the generator did not write`;
  const missing = listed.filter((n) => !(n in files));
  if (missing.length) return `${missing.join(", ")} listed by the generator ${missing.length === 1 ? "is" : "are"} missing`;
  const changed = listed.filter((n) => fileDigest(files[n]) !== marker.files[n]);
  if (changed.length) return `${changed.join(", ")} changed since the generator wrote ${changed.length === 1 ? "it" : "them"}`;
  return null;
}
