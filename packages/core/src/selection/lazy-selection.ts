import type * as Selection from "./index";

/* Selection is about 45 modules; a command that selects nothing (`parse`) should not load them. */
const selection = () => require("./index") as typeof Selection;

/** See {@link Selection.selectNodes}: the selection grammar, loaded on first use. */
export const selectNodes: typeof Selection.selectNodes = (...args) => selection().selectNodes(...args);

/** See {@link Selection.parseSelectorsFile}: selectors.yml, loaded on first use. */
export const parseSelectorsFile: typeof Selection.parseSelectorsFile = (...args) => selection().parseSelectorsFile(...args);
