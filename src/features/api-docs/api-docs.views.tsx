import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "#src/shared/app-env.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { type ApiDocsKey, apiDocsMessages } from "./api-docs.messages.ts";
import {
  type ApiOperation,
  type ApiReference,
  type ApiTag,
  schemaConstraints,
  UNTAGGED,
} from "./api-docs.model.ts";
import { Bodies, Constraints, SchemaTree, TypeText, type ViewContext } from "./api-docs.schema-view.tsx";

/** The language the OpenAPI document's summaries and descriptions are written in. */
const DOCUMENT_LANG = "en";

// Designsystemet colours, so methods are told apart at a glance; the method is always written out too.
const METHOD_COLOR: Record<string, string> = {
  get: "info",
  post: "success",
  put: "warning",
  patch: "warning",
  delete: "danger",
};

function tagName(tag: ApiTag, ctx: ViewContext): string {
  return tag.name === UNTAGGED ? ctx.t("untagged") : tag.name;
}

function operationLabel(operation: ApiOperation, reference: ApiReference): string {
  return `${operation.method.toUpperCase()} ${reference.baseUrl}${operation.path}`;
}

function inLabel(location: string, ctx: ViewContext): string {
  const key = `in.${location}`;
  return ["in.path", "in.query", "in.header", "in.cookie"].includes(key)
    ? ctx.t(key as ApiDocsKey)
    : location;
}

function ParametersTable({
  operation,
  reference,
  ctx,
}: {
  operation: ApiOperation;
  reference: ApiReference;
  ctx: ViewContext;
}): Child {
  const { t } = ctx;
  if (operation.parameters.length === 0) return <p class="ds-paragraph">{t("noParameters")}</p>;
  return (
    <TableScroll label={t("parametersCaption", { operation: operationLabel(operation, reference) })}>
      <table class="ds-table" data-border="true">
        <caption class="ds-sr-only">
          {t("parametersCaption", { operation: operationLabel(operation, reference) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("col.name")}</th>
            <th scope="col">{t("col.in")}</th>
            <th scope="col">{t("col.required")}</th>
            <th scope="col">{t("col.type")}</th>
            <th scope="col">{t("col.example")}</th>
            <th scope="col">{t("col.description")}</th>
          </tr>
        </thead>
        <tbody>
          {operation.parameters.map((parameter) => (
            <tr>
              <th scope="row">
                <code>{parameter.name}</code>
              </th>
              <td>{inLabel(parameter.in, ctx)}</td>
              <td>{parameter.required ? t("yes") : t("no")}</td>
              <td>
                {parameter.schema ? <TypeText schema={parameter.schema} ctx={ctx} /> : t("type.any")}
                {parameter.schema && schemaConstraints(parameter.schema).length > 0 && (
                  <>
                    {" ("}
                    <Constraints schema={parameter.schema} ctx={ctx} />
                    {")"}
                  </>
                )}
              </td>
              <td>{parameter.example !== undefined && <code>{parameter.example}</code>}</td>
              <td lang={ctx.docLang}>{parameter.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ResponsesTable({
  operation,
  reference,
  ctx,
}: {
  operation: ApiOperation;
  reference: ApiReference;
  ctx: ViewContext;
}): Child {
  const { t } = ctx;
  return (
    <TableScroll label={t("responsesCaption", { operation: operationLabel(operation, reference) })}>
      <table class="ds-table" data-border="true">
        <caption class="ds-sr-only">
          {t("responsesCaption", { operation: operationLabel(operation, reference) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("col.status")}</th>
            <th scope="col">{t("col.description")}</th>
            <th scope="col">{t("col.body")}</th>
          </tr>
        </thead>
        <tbody>
          {operation.responses.map((response) => (
            <tr>
              <th scope="row">{response.status}</th>
              <td lang={ctx.docLang}>{response.description}</td>
              <td>
                <Bodies bodies={response.bodies} ctx={ctx} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function OperationSection({
  operation,
  reference,
  ctx,
}: {
  operation: ApiOperation;
  reference: ApiReference;
  ctx: ViewContext;
}): Child {
  const { t } = ctx;
  return (
    <section class="lots-section" aria-labelledby={operation.id}>
      <h3 class="ds-heading" data-size="sm" id={operation.id}>
        <span class="ds-tag" data-color={METHOD_COLOR[operation.method] ?? "neutral"}>
          {operation.method.toUpperCase()}
        </span>{" "}
        <code>{`${reference.baseUrl}${operation.path}`}</code>
      </h3>
      {operation.deprecated && (
        <p>
          <span class="ds-tag" data-color="warning">
            {t("deprecated")}
          </span>
        </p>
      )}
      {operation.summary && (
        <p class="ds-paragraph" lang={ctx.docLang}>
          {operation.summary}
        </p>
      )}
      {operation.description && (
        <p class="ds-paragraph" lang={ctx.docLang}>
          {operation.description}
        </p>
      )}
      <h4 class="ds-heading" data-size="xs">
        {t("parameters")}
      </h4>
      <ParametersTable operation={operation} reference={reference} ctx={ctx} />
      {operation.requestBody && (
        <>
          <h4 class="ds-heading" data-size="xs">
            {t("requestBody")}
          </h4>
          {operation.requestBody.description && (
            <p class="ds-paragraph" lang={ctx.docLang}>
              {operation.requestBody.description}
            </p>
          )}
          {operation.requestBody.required && <p class="ds-paragraph">{t("requestBodyRequired")}</p>}
          <Bodies bodies={operation.requestBody.bodies} ctx={ctx} />
        </>
      )}
      <h4 class="ds-heading" data-size="xs">
        {t("responses")}
      </h4>
      <ResponsesTable operation={operation} reference={reference} ctx={ctx} />
    </section>
  );
}

function Contents({ reference, ctx }: { reference: ApiReference; ctx: ViewContext }): Child {
  return (
    <nav class="lots-section" aria-labelledby="api-contents">
      <h2 class="ds-heading" data-size="md" id="api-contents">
        {ctx.t("contents")}
      </h2>
      <ul class="ds-list">
        {reference.tags.map((tag) => (
          <li>
            <a class="ds-link" href={`#${tag.id}`}>
              {tagName(tag, ctx)}
            </a>
            <ul class="ds-list">
              {tag.operations.map((operation) => (
                <li>
                  <a class="ds-link" href={`#${operation.id}`}>
                    {operationLabel(operation, reference)}
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
        {reference.schemas.length > 0 && (
          <li>
            <a class="ds-link" href="#api-schemas">
              {ctx.t("schemas")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/**
 * The API reference page: every operation grouped by tag, with parameters, responses and bodies,
 * then every named schema. Plain HTML, so it reads without JavaScript and with a screen reader.
 */
export function renderApiReference(c: Context<AppEnv>, reference: ApiReference, documentUrl: string) {
  const t = apiDocsMessages(c.var.locale);
  const ctx: ViewContext = { t, docLang: c.var.locale === DOCUMENT_LANG ? undefined : DOCUMENT_LANG };
  return renderPage(
    c,
    t("title"),
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("title")}: <span lang={ctx.docLang}>{reference.title}</span>
      </h1>
      <p class="ds-paragraph">{t("intro")}</p>
      {reference.description && (
        <p class="ds-paragraph" lang={ctx.docLang}>
          {reference.description}
        </p>
      )}
      <p class="ds-paragraph">
        {t("version", { version: reference.version, baseUrl: reference.baseUrl || "/" })}{" "}
        {ctx.docLang && t("docLanguage")}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href={documentUrl} type="application/json">
          {t("openapiLink")}
        </a>
      </p>
      <Contents reference={reference} ctx={ctx} />
      {reference.tags.map((tag) => (
        <section class="lots-section" aria-labelledby={tag.id}>
          <h2 class="ds-heading" data-size="md" id={tag.id}>
            {tagName(tag, ctx)}
          </h2>
          {tag.description && (
            <p class="ds-paragraph" lang={ctx.docLang}>
              {tag.description}
            </p>
          )}
          {tag.operations.map((operation) => (
            <OperationSection operation={operation} reference={reference} ctx={ctx} />
          ))}
        </section>
      ))}
      {reference.schemas.length > 0 && (
        <section class="lots-section" aria-labelledby="api-schemas">
          <h2 class="ds-heading" data-size="md" id="api-schemas">
            {t("schemas")}
          </h2>
          <p class="ds-paragraph">{t("schemasIntro")}</p>
          {reference.schemas.map(({ name, id, schema }) => (
            <section class="lots-section" aria-labelledby={id}>
              <h3 class="ds-heading" data-size="sm" id={id}>
                {name}
              </h3>
              {typeof schema.description === "string" && (
                <p class="ds-paragraph" lang={ctx.docLang}>
                  {schema.description}
                </p>
              )}
              <p class="ds-paragraph">
                {t("col.type")}: <TypeText schema={schema} ctx={ctx} />
                {schemaConstraints(schema).length > 0 && (
                  <>
                    {" ("}
                    <Constraints schema={schema} ctx={ctx} />
                    {")"}
                  </>
                )}
              </p>
              <SchemaTree schema={schema} ctx={ctx} />
            </section>
          ))}
        </section>
      )}
    </div>,
  );
}
