import type { Child } from "hono/jsx";
import type { ApiDocsKey, ApiDocsTranslate } from "./api-docs.messages.ts";
import {
  type ApiBody,
  childSchema,
  exampleText,
  type JsonSchema,
  refName,
  schemaAlternatives,
  schemaAnchor,
  schemaConstraints,
  schemaProperties,
  schemaTypes,
} from "./api-docs.model.ts";

/** What every schema fragment needs: the translator and the language of the document's own prose. */
export type ViewContext = {
  t: ApiDocsTranslate;
  /** `lang` for descriptions taken from the document, when it differs from the page's language. */
  docLang: string | undefined;
};

// Inline (un-named) schemas nest as lists; beyond this depth the page points to the JSON instead.
const MAX_DEPTH = 6;

function join(parts: Child[], separator: Child): Child[] {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [separator, part]));
}

/** A schema's type in words: named schemas link to their entry in the Schemas section. */
export function TypeText({ schema, ctx }: { schema: JsonSchema; ctx: ViewContext }): Child {
  const { t } = ctx;
  const name = refName(schema);
  if (name) {
    return (
      <a class="ds-link" href={`#${schemaAnchor(name)}`}>
        {name}
      </a>
    );
  }
  if (typeof schema.$ref === "string") return <code>{schema.$ref}</code>;
  const alternatives = schemaAlternatives(schema);
  if (alternatives) {
    const list = alternatives.schemas.map((s) => <TypeText schema={s} ctx={ctx} />);
    return (
      <>
        {t(`type.${alternatives.kind}`)}: {join(list, ", ")}
      </>
    );
  }
  const types = schemaTypes(schema);
  if (types.length === 0) return <>{t("type.any")}</>;
  const parts = types.map((type) => {
    const items = childSchema(schema, "items");
    const values = childSchema(schema, "additionalProperties");
    if (type === "array") {
      return (
        <>
          {t("type.arrayOf")} {items ? <TypeText schema={items} ctx={ctx} /> : t("type.any")}
        </>
      );
    }
    if (type === "object" && values && schemaProperties(schema).length === 0) {
      return (
        <>
          {t("type.mapOf")} <TypeText schema={values} ctx={ctx} />
        </>
      );
    }
    return <code>{type}</code>;
  });
  return <>{join(parts, ` ${t("type.or")} `)}</>;
}

/** Format, pattern, ranges and allowed values, as "pattern: ^[0-9]{2}$; default: 10". */
export function Constraints({ schema, ctx }: { schema: JsonSchema; ctx: ViewContext }): Child {
  const found = schemaConstraints(schema);
  if (found.length === 0) return null;
  const parts = found.map(([key, values]) => (
    <>
      {ctx.t(`c.${key}` as ApiDocsKey)}:{" "}
      {join(
        values.map((value) => <code>{value}</code>),
        ", ",
      )}
    </>
  ));
  return <>{join(parts, "; ")}</>;
}

/** The inline object schemas whose properties should be listed under a schema (not named ones). */
function inlineObjects(schema: JsonSchema): JsonSchema[] {
  if (refName(schema) || typeof schema.$ref === "string") return [];
  if (schemaProperties(schema).length > 0) return [schema];
  const items = childSchema(schema, "items");
  if (items) return inlineObjects(items);
  const values = childSchema(schema, "additionalProperties");
  if (values) return inlineObjects(values);
  return schemaAlternatives(schema)?.schemas.flatMap(inlineObjects) ?? [];
}

/**
 * The properties of a schema as a nested list: name, type, required or optional, description,
 * constraints and example. Named schemas are not expanded; they link to their own entry.
 */
export function SchemaTree({
  schema,
  ctx,
  depth = 0,
}: {
  schema: JsonSchema;
  ctx: ViewContext;
  depth?: number;
}): Child {
  const { t } = ctx;
  const objects = inlineObjects(schema);
  if (objects.length === 0) return null;
  if (depth >= MAX_DEPTH) return <p class="ds-paragraph">{t("tooDeep")}</p>;
  return (
    <>
      {objects.map((object) => (
        <ul class="ds-list">
          {schemaProperties(object).map((property) => {
            const description =
              typeof property.schema.description === "string" ? property.schema.description : "";
            const example = exampleText(property.schema.example);
            const constraints = schemaConstraints(property.schema);
            return (
              <li>
                <code>{property.name}</code>: <TypeText schema={property.schema} ctx={ctx} />,{" "}
                {property.required ? t("required") : t("optional")}
                {constraints.length > 0 && (
                  <>
                    {" ("}
                    <Constraints schema={property.schema} ctx={ctx} />)
                  </>
                )}
                {description && (
                  <>
                    {". "}
                    <span lang={ctx.docLang}>{description}</span>
                  </>
                )}
                {example !== undefined && (
                  <>
                    {". "}
                    {t("example")}: <code>{example}</code>
                  </>
                )}
                <SchemaTree schema={property.schema} ctx={ctx} depth={depth + 1} />
              </li>
            );
          })}
        </ul>
      ))}
    </>
  );
}

/** Request or response bodies: media type, the schema's type, and its properties when inline. */
export function Bodies({ bodies, ctx }: { bodies: ApiBody[]; ctx: ViewContext }): Child {
  if (bodies.length === 0) return <>{ctx.t("noBody")}</>;
  return (
    <>
      {bodies.map((body) => (
        <div>
          <code>{body.mediaType}</code>
          {body.schema && (
            <>
              : <TypeText schema={body.schema} ctx={ctx} />
              <SchemaTree schema={body.schema} ctx={ctx} />
            </>
          )}
        </div>
      ))}
    </>
  );
}
