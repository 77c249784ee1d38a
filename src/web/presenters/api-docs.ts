/** The docs page's view of the OpenAPI document: operations with their parameters and examples. */
export interface ApiParameterModel {
  name: string;
  location: string;
  required: boolean;
  description: string;
  example: string | null;
}

export interface ApiOperationModel {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: ApiParameterModel[];
  statuses: string[];
  /** A request to try, with example values filled in. */
  exampleHref: string;
  /** Whether this instance holds what the example asks for, so that following it finds something. */
  exampleHeld: boolean;
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { examples?: unknown[]; default?: unknown };
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  parameters?: OpenApiParameter[];
  responses?: Record<string, unknown>;
}

export interface OpenApiDocumentLike {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, OpenApiOperation> | undefined>;
}

function exampleOf(parameter: OpenApiParameter): string | null {
  const value =
    parameter.example ?? Object.values(parameter.examples ?? {})[0]?.value ?? parameter.schema?.examples?.[0];
  return value === undefined ? null : String(value);
}

function exampleHref(path: string, parameters: ApiParameterModel[]): string {
  let href = path;
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    if (parameter.example === null) continue;
    // encodeURI: an author's name holds spaces, an old-style id a slash that stays one.
    if (parameter.location === "path")
      href = href.replace(`{${parameter.name}}`, encodeURI(parameter.example));
    else if (parameter.location === "query") query.set(parameter.name, parameter.example);
  }
  const search = query.toString();
  return search ? `${href}?${search}` : href;
}

/** `notHeld`: example values this instance has nothing for; a request using one is shown, not linked. */
export function presentApiDocs(
  document: OpenApiDocumentLike,
  notHeld: ReadonlySet<string>,
): ApiOperationModel[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
    Object.entries(operations ?? {}).map(([method, operation]) => {
      const parameters = (operation.parameters ?? []).map((parameter) => ({
        name: parameter.name,
        location: parameter.in,
        required: parameter.required ?? false,
        description: parameter.description ?? "",
        example: exampleOf(parameter),
      }));
      return {
        anchor: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-"),
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        description: operation.description ?? "",
        parameters,
        statuses: Object.keys(operation.responses ?? {}),
        exampleHref: exampleHref(path, parameters),
        exampleHeld: parameters.every(
          (parameter) => parameter.example === null || !notHeld.has(parameter.example),
        ),
      };
    }),
  );
}
