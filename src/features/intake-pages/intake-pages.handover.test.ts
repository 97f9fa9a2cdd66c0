import { describe, expect, it } from "vitest";
import { type HandedLink, LinkHandover } from "./intake-pages.handover.ts";

const link = (token: string): HandedLink => ({ token, expiresAt: new Date("2027-03-01"), email: null });

describe("LinkHandover", () => {
  it("gives a link once, to the key it was put under", () => {
    const store = new LinkHandover();
    store.put("key-a", link("token-a"), 1_000);
    expect(store.take("key-b", 1_001)).toBeUndefined();
    expect(store.take("key-a", 1_001)?.token).toBe("token-a");
    expect(store.take("key-a", 1_002)).toBeUndefined();
  });

  it("forgets a link after its time", () => {
    const store = new LinkHandover(60_000);
    store.put("key", link("token"), 0);
    expect(store.take("key", 60_000)).toBeUndefined();
    store.put("old", link("old"), 0);
    store.put("new", link("new"), 61_000);
    expect(store.size).toBe(1);
  });

  it("keeps at most its bound, dropping the oldest first", () => {
    const store = new LinkHandover(60_000, 2);
    store.put("one", link("1"), 0);
    store.put("two", link("2"), 1);
    store.put("three", link("3"), 2);
    expect(store.size).toBe(2);
    expect(store.take("one", 3)).toBeUndefined();
    expect(store.take("three", 3)?.token).toBe("3");
  });
});
