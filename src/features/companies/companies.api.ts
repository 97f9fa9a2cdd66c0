import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { createFieldApiRouter, fieldProblem } from "#src/shared/field-errors.ts";
import {
  type CompanyDifference,
  CompanyIntakeInput,
  type Contact,
  ContactInput,
} from "./companies.intake.schemas.ts";
import {
  getCompanyForStaff,
  listCompaniesForStaff,
  registerCompanyAsStaff,
} from "./companies.register.service.ts";
import type { Company } from "./companies.schemas.ts";

// GET/POST /api/v1/companies and GET /api/v1/companies/{id}: the network's company register.

const tags = ["Companies"];
const WHO = "Navigators of any member organisation and the platform admin (session or API token)";

/** The signed-in caller's audit context; anonymous callers get 401. */
function staffMeta(c: Context<AppEnv>): AuditMeta {
  if (c.var.actor.kind === "anonymous")
    throw new AppError("UNAUTHENTICATED", "Sign in or send an API token.");
  return auditContext(c);
}

const CompanySchema = z
  .object({
    id: z.string(),
    orgNumber: z.string().openapi({ description: "Ten digits; a sole trader's is personal data" }),
    isSoleTrader: z.boolean(),
    name: z.string(),
    streetAddress: z.string().nullable(),
    postalCode: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    sniCodes: z.array(z.string()),
    sniVersion: z.string(),
    sizeBand: z.string().nullable(),
    foundedYear: z.number().int().nullable(),
    isFictional: z.boolean(),
    curatedFields: z.array(z.string()).openapi({ description: "Fields staff curated; intakes keep them" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Company");

const ContactSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    source: z.string(),
  })
  .openapi("Contact");

const DifferenceSchema = z
  .object({
    field: z.string(),
    stored: z.unknown(),
    submitted: z.unknown(),
    outcome: z.enum(["kept-curated", "updated", "filled"]),
  })
  .openapi("CompanyDifference");

/** A company as the API shows it. */
export function toCompanyJson(company: Company): z.infer<typeof CompanySchema> {
  return {
    id: company.id,
    orgNumber: company.orgNumber,
    isSoleTrader: company.isSoleTrader,
    name: company.name,
    streetAddress: company.streetAddress,
    postalCode: company.postalCode,
    municipalityCode: company.municipalityCode,
    sniCodes: company.sniCodes,
    sniVersion: company.sniVersion,
    sizeBand: company.sizeBand,
    foundedYear: company.foundedYear,
    isFictional: company.isFictional,
    curatedFields: company.curatedFields,
    createdAt: company.createdAt.toISOString(),
    updatedAt: company.updatedAt.toISOString(),
  };
}

const toContactJson = (c: Contact): z.infer<typeof ContactSchema> => ({
  id: c.id,
  name: c.name,
  role: c.role,
  email: c.email,
  phone: c.phone,
  source: c.source,
});
const toDifferenceJson = (d: CompanyDifference) => ({
  ...d,
  stored: d.stored ?? null,
  submitted: d.submitted ?? null,
});

const ListQuery = z.object({
  q: z.string().trim().max(100).optional().openapi({ description: "Part of the name or org number" }),
  municipalityCode: z
    .string()
    .regex(/^[0-9]{4}$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const CreateBody = CompanyIntakeInput.extend({ contacts: z.array(ContactInput).max(20).optional() }).openapi(
  "CreateCompany",
);

/** The companies API. */
export function companiesApi() {
  const api = createFieldApiRouter();

  api.openapi(
    createRoute({
      method: "get",
      path: "/companies",
      tags,
      summary: "List companies",
      description: `${WHO}. Audited as a read of personal data.`,
      request: { query: ListQuery },
      responses: {
        200: json(z.object({ items: z.array(CompanySchema) }), "Companies by name"),
        400: fieldProblem("Invalid filters"),
        401: problem("No valid session or API token"),
        403: problem("Not a navigator or platform admin"),
      },
    }),
    async (c) => {
      const items = await listCompaniesForStaff(c.var.deps.db, c.req.valid("query"), staffMeta(c));
      return c.json({ items: items.map(toCompanyJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/companies",
      tags,
      summary: "Register a company, or attach to the one with this org number",
      description: `${WHO}. The values given become staff-curated: later intakes from the company never overwrite them. An existing company answers 200 with the differences.`,
      request: { body: { content: { "application/json": { schema: CreateBody } }, required: true } },
      responses: {
        200: json(
          z.object({
            company: CompanySchema,
            contacts: z.array(ContactSchema),
            created: z.literal(false),
            differences: z.array(DifferenceSchema),
          }),
          "The existing company after attaching",
        ),
        201: json(
          z.object({
            company: CompanySchema,
            contacts: z.array(ContactSchema),
            created: z.literal(true),
            differences: z.array(DifferenceSchema),
          }),
          "The new company",
        ),
        400: fieldProblem("Invalid fields, each with a message in Swedish and English"),
        401: problem("No valid session or API token"),
        403: problem("Not a navigator or platform admin"),
      },
    }),
    async (c) => {
      const result = await registerCompanyAsStaff(c.var.deps.db, c.req.valid("json"), staffMeta(c));
      const body = {
        company: toCompanyJson(result.company),
        contacts: result.contacts.map(toContactJson),
        differences: result.differences.map(toDifferenceJson),
      };
      return result.created
        ? c.json({ ...body, created: true as const }, 201)
        : c.json({ ...body, created: false as const }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/companies/{id}",
      tags,
      summary: "One company with its contact persons",
      description: `${WHO}. Audited as a read of personal data.`,
      request: { params: z.object({ id: z.uuid("the company id is a UUID") }) },
      responses: {
        400: problem("An id that is not a UUID"),
        200: json(z.object({ company: CompanySchema, contacts: z.array(ContactSchema) }), "The company"),
        401: problem("No valid session or API token"),
        403: problem("Not a navigator or platform admin"),
        404: problem("No such company"),
      },
    }),
    async (c) => {
      const { company, contacts } = await getCompanyForStaff(
        c.var.deps.db,
        c.req.valid("param").id,
        staffMeta(c),
      );
      return c.json({ company: toCompanyJson(company), contacts: contacts.map(toContactJson) }, 200);
    },
  );

  return api;
}
