// The signed-in session: the bearer token and who it is for, kept in
// sessionStorage so it ends with the browser tab and is never sent anywhere
// but in the Authorization header of our own API requests.

export interface Session {
  token: string;
  personId: string;
  name?: string;
  roles: string[];
  orgs: string[];
  /** Seconds since the epoch. */
  exp: number;
}

const KEY = "tulkki.session";
const listeners = new Set<() => void>();

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    if (!s.token || s.exp * 1000 <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function token(): string | null {
  return currentSession()?.token ?? null;
}

export function hasRole(role: string): boolean {
  return currentSession()?.roles.includes(role) ?? false;
}

/** Starts a session from a token; the claims are read, not verified (the server verifies). */
export function signIn(tok: string, name?: string): Session {
  const claims = decodeClaims(tok);
  const s: Session = {
    token: tok,
    personId: String(claims.sub ?? ""),
    name,
    roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
    orgs: Array.isArray(claims.orgs) ? claims.orgs.map(String) : [],
    exp: typeof claims.exp === "number" ? claims.exp : Math.floor(Date.now() / 1000) + 3600,
  };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  notify();
  return s;
}

export function setName(name: string): void {
  const s = currentSession();
  if (!s || s.name === name) return;
  sessionStorage.setItem(KEY, JSON.stringify({ ...s, name }));
  notify();
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  notify();
}

export function onSessionChange(fn: () => void): void {
  listeners.add(fn);
}

function notify(): void {
  for (const fn of listeners) fn();
}

/** Reads a JWT's payload. Throws when the text is not a JWT. */
export function decodeClaims(tok: string): Record<string, unknown> {
  const parts = tok.trim().split(".");
  if (parts.length !== 3) throw new Error("not a JWT");
  const b64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
  const json = new TextDecoder().decode(Uint8Array.from(atob(b64.padEnd(b64.length + ((4 - (b64.length % 4)) % 4), "=")), (c) => c.charCodeAt(0)));
  return JSON.parse(json) as Record<string, unknown>;
}
