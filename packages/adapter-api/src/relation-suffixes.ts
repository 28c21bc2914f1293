/** Suffix of the relation a build writes before swapping it in (`orders__tsdbt_tmp`). */
export const TEMP_SUFFIX = "__tsdbt_tmp";

/** Suffix the previous relation carries for the instant of a swap (`orders__tsdbt_backup`). */
export const BACKUP_SUFFIX = "__tsdbt_backup";

/**
 * The most bytes tsdbt appends to a relation's identifier while building it (the backup
 * suffix): a relation name fits the engine when it is this much shorter than
 * {@link SqlDialect.maxIdentifierBytes}.
 */
export const LONGEST_RELATION_SUFFIX_BYTES = Math.max(Buffer.byteLength(TEMP_SUFFIX), Buffer.byteLength(BACKUP_SUFFIX));
