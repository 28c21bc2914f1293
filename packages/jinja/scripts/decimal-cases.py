"""Writes src/__fixtures__/decimal-cases.json: Python's decimal module (default context: 28 digits,
ties to even) on every pair of a set of operands, for +, -, *, /, //, % and whole powers, then
-a, abs(a), int(a), round(a, n) of each, and Decimal.compare of pairs (with NaN and Infinity).
A failed operation is recorded as its signal (`!DivisionByZero`).

Usage: python3 decimal-cases.py
"""
import decimal
import itertools
import json
import os
import sys
from decimal import Decimal

OPERANDS = ["0", "-0", "0.00", "0.5", "1", "-2", "2.5", "-3.75", "7", "0.1", "1E-30", "5.000",
            "123456789012345678901234567.89", "9999999999999999999999999999", "12345678901234567890123456785",
            "1.000000000000000000000000000050", "2E+40"]
OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b,
       "//": lambda a, b: a // b, "%": lambda a, b: a % b, "**": lambda a, b: a ** b}


def outcome(compute):
    """The operation's result as text, or the decimal signal it raised (`!DivisionByZero`)."""
    try:
        return str(compute())
    except decimal.DecimalException as e:
        return "!" + e.args[0][0].__name__


cases = []
for a, b in itertools.product(OPERANDS, repeat=2):
    for op, f in OPS.items():
        # whole powers of short bases only: beyond, Python's C module rounds its power "almost always" correctly
        if op == "**" and (b not in ("0", "-0", "1", "-2", "7", "5.000") or len(a) > 12):
            continue
        cases.append([a, op, b, outcome(lambda: f(Decimal(a), Decimal(b)))])
# NaN and the infinities with each other and with a few finite numbers
SPECIAL = ["NaN", "Infinity", "-Infinity"]
for a, b in itertools.product(SPECIAL + ["0", "-2", "2.5", "3", "-3"], repeat=2):
    if a not in SPECIAL and b not in SPECIAL:
        continue
    for op, f in OPS.items():
        # whole powers only (a fraction goes through floats)
        if op == "**" and b not in ("0", "-2", "3", "-3"):
            continue
        cases.append([a, op, b, outcome(lambda: f(Decimal(a), Decimal(b)))])
# unary operations of each operand, and comparisons (with NaN and the infinities too)
UNARY = {"neg": lambda a: -a, "abs": abs, "int": int, "round0": lambda a: round(a, 0), "round2": lambda a: round(a, 2), "round-1": lambda a: round(a, -1)}
for a in OPERANDS + SPECIAL:
    for op, f in UNARY.items():
        try:
            result = str(f(Decimal(a)))
        except decimal.DecimalException as e:
            result = "!" + e.args[0][0].__name__
        except (ValueError, OverflowError) as e:
            result = "!" + str(e)
        cases.append([a, op, "", result])
for a, b in itertools.product(OPERANDS[:8] + ["Infinity", "-Infinity", "NaN"], repeat=2):
    cases.append([a, "cmp", b, str(Decimal(a).compare(Decimal(b)))])
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "__fixtures__", "decimal-cases.json")
with open(out, "w") as f:
    # one case a line: [a, op, b, result]
    f.write('{"engine": %s,\n "cases": [\n' % json.dumps(f"Python {sys.version.split()[0]} decimal module, default context"))
    f.write(",\n".join("  " + json.dumps(c) for c in cases))
    f.write("\n ]\n}\n")
print(len(cases), "cases")
