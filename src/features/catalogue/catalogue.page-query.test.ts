import { describe, expect, it } from "vitest";
import {
  activeFacets,
  pageWindow,
  parsePageQuery,
  searchHref,
  withoutFilter,
} from "./catalogue.page-query.ts";

const parse = (query: string) => parsePageQuery(new URLSearchParams(query));

describe("the search page's address", () => {
  it("reads repeated and comma-separated lists, drops what it does not understand", () => {
    const state = parse(
      "q=+exjobb+&theme=financing&theme=crisis,financing&theme=Bad!&municipality=1884&size=10-19&cost=grant&cost=gratis&organisation=nope&sort=name&page=3",
    );
    expect(state).toEqual({
      q: "exjobb",
      theme: ["financing", "crisis"],
      format: [],
      organisation: [],
      municipality: "1884",
      size: "10-19",
      cost: ["grant"],
      sort: "name",
      page: 3,
    });
    expect(parse("municipality=Nora&size=%3Cb%3E&page=-2&sort=x")).toMatchObject({
      municipality: "",
      size: "",
      page: 1,
      sort: "relevance",
    });
    expect(parse("size=500%2B").size).toBe("500+");
  });

  it("writes the state back in a stable order and starts on page 1 after any other change", () => {
    const state = parse("q=lån&cost=loan&theme=financing&municipality=1884&page=2&sort=name");
    expect(searchHref(state, { page: 2 })).toBe(
      "/hitta-stod?q=l%C3%A5n&theme=financing&cost=loan&municipality=1884&sort=name&page=2",
    );
    expect(searchHref(state, { theme: [] })).toBe(
      "/hitta-stod?q=l%C3%A5n&cost=loan&municipality=1884&sort=name",
    );
    expect(searchHref(parse(""))).toBe("/hitta-stod");
    expect(parse(searchHref(state, { page: 2 }).split("?")[1] ?? "")).toEqual(state);
  });

  it("removes one filter at a time and lists the active ones", () => {
    const state = parse("theme=financing&municipality=1884&size=0");
    expect(activeFacets(state)).toEqual(["municipality", "size", "theme"]);
    expect(activeFacets(withoutFilter(state, "municipality"))).toEqual(["size", "theme"]);
    expect(withoutFilter(state, "theme").theme).toEqual([]);
  });

  it("links the first, the last and the pages around the current one", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 2)).toEqual([1, 2]);
    expect(pageWindow(1, 10)).toEqual([1, 2, 3, null, 10]);
    expect(pageWindow(5, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 10]);
    expect(pageWindow(10, 10)).toEqual([1, null, 8, 9, 10]);
  });
});
