/** A column of a relation as the warehouse reports it. */
export interface Column {
  name: string;
  /** The engine's type name, e.g. `INTEGER`, `VARCHAR`, `TIMESTAMP WITH TIME ZONE`. */
  dataType: string;
  /** Position, 1-based, when the engine reports it. */
  index?: number;
  comment?: string | null;
  nullable?: boolean;
}
