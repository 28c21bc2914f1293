/**
 * Python's `NotImplemented`: what an operator method (`__add__`, `__lt__`, …) of a host value
 * returns to let the other operand, or the default rule, decide. The Jinja runtime knows it
 * by this shared symbol.
 */
export const NOT_IMPLEMENTED: unique symbol = Symbol.for("tsdbt.jinja.NotImplemented") as never;
