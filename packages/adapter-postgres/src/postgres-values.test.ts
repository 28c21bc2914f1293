import { postgresCapabilities } from "./postgres-capabilities";
import { postgresDialect } from "./postgres-dialect";
import { padFraction, parseInt8, plainValueTypes } from "./postgres-values";

describe("plain values", () => {
  it("reads int8 as a number when safe and as text beyond 2^53", () => {
    expect(parseInt8("42")).toBe(42);
    expect(parseInt8("-9007199254740991")).toBe(-9007199254740991);
    expect(parseInt8("9007199254740993")).toBe("9007199254740993");
  });

  it("pads fractional seconds to six digits and leaves whole seconds alone", () => {
    expect(padFraction("2024-01-02 03:04:05.5")).toBe("2024-01-02 03:04:05.500000");
    expect(padFraction("2024-01-02 03:04:05.123456+02")).toBe("2024-01-02 03:04:05.123456+02");
    expect(padFraction("2024-01-02 03:04:05")).toBe("2024-01-02 03:04:05");
  });

  it("parses numeric, date and timestamp per pool, and defers to node-postgres otherwise", () => {
    expect(plainValueTypes.getTypeParser(1700)("12.50")).toBe(12.5);
    expect(plainValueTypes.getTypeParser(1082)("2024-02-29")).toBe("2024-02-29");
    expect(plainValueTypes.getTypeParser(1114)("2024-02-29 10:00:00.25")).toBe("2024-02-29 10:00:00.250000");
    expect(plainValueTypes.getTypeParser(23)("7")).toBe(7);
    expect(plainValueTypes.getTypeParser(16)("t")).toBe(true);
  });
});

describe("capabilities", () => {
  it("offers MERGE from PostgreSQL 15 and transactional DDL, renames and comments always", () => {
    expect(postgresCapabilities(140011)).toMatchObject({ merge: false, transactionalDdl: true, renameRelation: true, comments: true, createOrReplace: false });
    expect(postgresCapabilities(150000).merge).toBe(true);
    expect(postgresCapabilities(null).merge).toBe(false);
  });
});

describe("dialect", () => {
  it("quotes identifiers and creates schemas without a database prefix", () => {
    expect(postgresDialect.quote('a"b')).toBe('"a""b"');
    expect(postgresDialect.createSchema("db", 'My "S"')).toBe('create schema if not exists "My ""S"""');
    expect(postgresDialect.typeFor("float")).toBe("double precision");
  });
});
