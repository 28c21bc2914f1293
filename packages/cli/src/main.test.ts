import { interruptHandler } from "./main";

describe("Ctrl-C", () => {
  it("cancels on the first press and exits with 130 on the second", () => {
    const controller = new AbortController();
    const written: string[] = [];
    const exits: number[] = [];
    const handler = interruptHandler(controller, (t) => written.push(t), (code) => exits.push(code));
    expect(handler.interrupted).toBe(false);
    handler.onSigint();
    expect(controller.signal.aborted).toBe(true);
    expect(handler.interrupted).toBe(true);
    expect(written).toEqual(["Cancelling: waiting for running statements to stop (Ctrl-C again to quit now)\n"]);
    expect(exits).toEqual([]);
    handler.onSigint();
    expect(exits).toEqual([130]);
    expect(written).toHaveLength(1);
  });
});
