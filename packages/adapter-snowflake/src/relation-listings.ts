import type { RelationRef } from "@tsdbt/adapter-api";

/**
 * The listing of each schema, read once per adapter (one run) so that looking up the relations of
 * N models costs one `show objects` per schema instead of N. A name is answered from the listing
 * the first time it is asked for; asked again (the run may have built or dropped it since), it is
 * read afresh. Names match case-insensitively, as Snowflake resolves unquoted names.
 */
export class RelationListings {
  private readonly listings = new Map<string, { relations: Promise<RelationRef[]>; asked: Set<string> }>();

  constructor(private readonly list: (database: string, schema: string) => Promise<RelationRef[]>) {}

  /** Relations of the schema among `identifiers`. */
  async find(database: string, schema: string, identifiers: string[]): Promise<RelationRef[]> {
    if (identifiers.length === 0) return [];
    const key = `${database.toUpperCase()}.${schema.toUpperCase()}`;
    const wanted = identifiers.map((i) => i.toLowerCase());
    let entry = this.listings.get(key);
    if (entry && wanted.some((name) => entry!.asked.has(name))) entry = undefined;
    if (!entry) {
      const relations = this.list(database, schema);
      entry = { relations, asked: new Set() };
      this.listings.set(key, entry);
      relations.catch(() => this.listings.delete(key));
    }
    for (const name of wanted) entry.asked.add(name);
    const names = new Set(wanted);
    return (await entry.relations).filter((r) => names.has(r.identifier.toLowerCase()));
  }

  /** Replaces the listing of a schema with one just read (nothing asked of it yet). */
  remember(database: string, schema: string, relations: RelationRef[]): void {
    this.listings.set(`${database.toUpperCase()}.${schema.toUpperCase()}`, { relations: Promise.resolve(relations), asked: new Set() });
  }
}
