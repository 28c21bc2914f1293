import { datetimeModule } from "./datetime-module";
import { itertoolsModule } from "./py-itertools";
import { pytzModule } from "./py-tz";
import { reModule } from "./py-re";

/**
 * `modules`: the Python modules dbt lends templates, as TypeScript stand-ins with Python's
 * behaviour for what templates call: datetime, pytz, re, itertools.
 */
export function contextModules() {
  return { datetime: datetimeModule(), pytz: pytzModule(), re: reModule(), itertools: itertoolsModule() };
}
