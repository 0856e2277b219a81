import { events } from "./events";
import type { Kind, KindSpec } from "./kind";
import { partnerships } from "./partnerships";
import { registrations } from "./registrations";
import { survey } from "./survey";

export * from "./kind";

/** Every export kind's spec, by kind. */
export const KIND_SPECS: Readonly<Record<Kind, KindSpec>> = { registrations, partnerships, events, survey };
