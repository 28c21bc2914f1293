import type { SelectableMember } from "../../graph/graph-member";
import type { Manifest } from "../../manifest/types";
import { selectionError } from "../selection-error";

/** What a method sees besides the spec: the manifest and, for `state:`, the previous one. */
export interface MethodContext {
  manifest: Manifest;
  /** The manifest of an earlier run (`--state`), when given. */
  state?: Manifest;
}

/** One parsed `method[.args]:value`. */
export interface MethodInput {
  value: string;
  args: string[];
  /** The whole spec as the user wrote it, for messages. */
  raw: string;
}

/** Decides whether a graph member matches. */
export type MemberMatcher = (member: SelectableMember) => boolean;

/**
 * A selector method: validates its input once (throwing TSDBT-E021 for a bad value) and
 * returns a matcher applied to every graph member.
 */
export type SelectorMethod = (input: MethodInput, context: MethodContext) => MemberMatcher;

/** The tags of any member (empty for members without tags). */
export function tagsOf(member: SelectableMember): string[] {
  return member.tags ?? [];
}

/** The config of any member (empty when it has none). */
export function configOf(member: SelectableMember): Record<string, unknown> {
  return (member.config as Record<string, unknown> | undefined) ?? {};
}

/** Throws TSDBT-E021 when `value` is not one of `allowed`. */
export function requireOneOf(input: MethodInput, method: string, allowed: readonly string[]): void {
  if (allowed.includes(input.value)) return;
  throw selectionError(
    `The selection spec '${input.raw}' asks for ${method} '${input.value}', which does not exist.`,
    `Valid values for '${method}:' are: ${allowed.join(", ")}.`,
  );
}
