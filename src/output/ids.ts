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

export function entityId(type: EntityType, name: string): string {
  return `${type}:${slug(name)}`;
}
