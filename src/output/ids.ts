// Stable entity ids: derived only from type and canonical name, so the same
// entity gets the same id in every run and every corpus.
import type { EntityType } from "../types.ts";

export function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** Entity ids already worked out: the same few thousand names recur across articles. Bounded, as names come from untrusted text. */
const knownIds = new Map<string, string>();
const KNOWN_IDS_MAX = 50_000;

export function entityId(type: EntityType, name: string): string {
  const key = `${type}:${name}`;
  let id = knownIds.get(key);
  if (id === undefined) {
    if (knownIds.size >= KNOWN_IDS_MAX) knownIds.clear();
    knownIds.set(key, (id = `${type}:${slug(name)}`));
  }
  return id;
}
