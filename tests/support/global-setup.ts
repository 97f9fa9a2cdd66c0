import type { TestProject } from "vitest/node";
import { prepareTemplate, type TestDbKind } from "./test-db.ts";

/** Migrates the template database once for the whole project run. */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.LOTS_TEST_DB as TestDbKind;
  const template = await prepareTemplate(kind);
  project.provide("pgliteTemplateDir", template.templateDir ?? "");
  project.provide("pgTemplateDatabase", template.templateDatabase ?? "");
  return () => template.cleanup();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplateDir: string;
    pgTemplateDatabase: string;
  }
}
