import type { ApiOperationModel } from "../presenters/api-docs.js";
import type { ViewerModel } from "../presenters/viewer.js";
import { Layout } from "./layout.js";
import { renderDocument } from "./render.js";

function Operation({ operation }: { operation: ApiOperationModel }) {
  return (
    <section class="api-operation" id={operation.anchor}>
      <h2>
        <code>
          {operation.method} {operation.path}
        </code>
      </h2>
      <p>{operation.summary}</p>
      {operation.description && <p class="api-description">{operation.description}</p>}
      {operation.parameters.length > 0 && (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">parameter</th>
              <th scope="col">in</th>
              <th scope="col">what</th>
              <th scope="col">example</th>
            </tr>
          </thead>
          <tbody>
            {operation.parameters.map((parameter) => (
              <tr>
                <td>
                  <code>{parameter.name}</code>
                  {parameter.required && " (required)"}
                </td>
                <td>{parameter.location}</td>
                <td>{parameter.description}</td>
                <td>{parameter.example !== null && <code>{parameter.example}</code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="api-try">
        Responses: {operation.statuses.join(", ") || "200"} ·{" "}
        {operation.method === "GET" && operation.exampleHeld ? (
          <>
            Try: <a href={operation.exampleHref}>{operation.exampleHref}</a>
          </>
        ) : (
          // A link can only GET: a write, or a read of what this instance does not hold, is shown as the request to send.
          <>
            Example:{" "}
            <code>
              {operation.method} {operation.exampleHref}
            </code>
          </>
        )}
      </p>
    </section>
  );
}

export function renderApiDocsPage(
  title: string,
  version: string,
  operations: ApiOperationModel[],
  viewer: ViewerModel | null,
): string {
  return renderDocument(
    <Layout
      title="API"
      description={`${title} ${version}: every route, its parameters and examples.`}
      viewer={viewer}
    >
      <div class="page-head">
        <h1>
          {title} <span class="page-subtitle">{version}</span>
        </h1>
        <p class="page-subtitle">
          The machine-readable document is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
        </p>
      </div>
      <nav aria-label="Routes">
        <ul class="api-index">
          {operations.map((operation) => (
            <li>
              <a href={`#${operation.anchor}`}>
                <code>
                  {operation.method} {operation.path}
                </code>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map((operation) => (
        <Operation operation={operation} />
      ))}
    </Layout>,
  );
}
