// The one GraphQL client: every request carries the session's bearer token,
// and every failure becomes an ApiError with the API's extensions.code.

import { currentLang } from "./i18n";
import { signOut, token } from "./session";

export class ApiError extends Error {
  /** extensions.code (FORBIDDEN, BAD_USER_INPUT, …), or NETWORK / HTTP_<status>. */
  readonly code: string;
  /** The input field at fault, for BAD_USER_INPUT. */
  readonly field?: string;
  /** The error's other extensions (an import's problems). */
  readonly extensions: Record<string, unknown>;
  constructor(code: string, message: string, field?: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
    this.extensions = extensions;
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } & Record<string, unknown> }[];
}

// The bookmark of this tab's latest write (the Tulkki-Bookmark header):
// sent with every later request, so that behind several API servers over a
// Neo4j cluster the app always sees what it has just written.
let bookmark = "";

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return send<T>(JSON.stringify({ query, variables }), { "Content-Type": "application/json" });
}

/**
 * Runs an operation with files (GraphQL multipart request spec): the
 * variable named by fileVar is a list, filled with files.
 */
export async function gqlUpload<T>(query: string, variables: Record<string, unknown>, fileVar: string, files: File[]): Promise<T> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query, variables: { ...variables, [fileVar]: files.map(() => null) } }));
  form.append("map", JSON.stringify(Object.fromEntries(files.map((_, i) => [String(i), [`variables.${fileVar}.${i}`]]))));
  files.forEach((f, i) => form.append(String(i), f, f.name));
  return send<T>(form, {});
}

async function send<T>(payload: string | FormData, contentType: Record<string, string>): Promise<T> {
  // Accept-Language: the server writes explanations, evidence and error
  // messages in the app's current language.
  const headers: Record<string, string> = { ...contentType, Accept: "application/json", "Accept-Language": currentLang() };
  const tok = token();
  if (tok) headers.Authorization = `Bearer ${tok}`;
  if (bookmark) headers["Tulkki-Bookmark"] = bookmark;
  let res: Response;
  try {
    res = await fetch("/graphql", { method: "POST", headers, body: payload });
  } catch (e) {
    throw new ApiError("NETWORK", e instanceof Error ? e.message : String(e));
  }
  bookmark = res.headers.get("Tulkki-Bookmark") ?? bookmark;
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`HTTP_${res.status}`, res.statusText);
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? `HTTP_${res.status}`;
    // A rejected token (expired, or the server's secret changed) ends the
    // session, so the next request is at least anonymous.
    if (code === "UNAUTHENTICATED" && tok) signOut();
    throw new ApiError(code, first.message, first.extensions?.field, first.extensions ?? {});
  }
  if (!res.ok || body.data == null) throw new ApiError(`HTTP_${res.status}`, res.statusText);
  return body.data;
}

/** Downloads a file the API serves behind the bearer token (seating, export). */
export async function fetchFile(url: string): Promise<Blob> {
  const headers: Record<string, string> = {};
  const tok = token();
  if (tok) headers.Authorization = `Bearer ${tok}`;
  let res: Response;
  try {
    res = await fetch(url, { headers });
  } catch (e) {
    throw new ApiError("NETWORK", e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const code = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 503: "UNAVAILABLE" }[res.status] ?? `HTTP_${res.status}`;
    throw new ApiError(code, (await res.text()).trim() || res.statusText);
  }
  return res.blob();
}

/** Calls a JSON endpoint outside GraphQL (the development login). */
export async function postJSON<T>(url: string, payload: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "Accept-Language": currentLang() }, body: JSON.stringify(payload) });
  } catch (e) {
    throw new ApiError("NETWORK", e instanceof Error ? e.message : String(e));
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string; code?: string };
  if (!res.ok) throw new ApiError(body.code ?? `HTTP_${res.status}`, body.error ?? res.statusText);
  return body as T;
}
