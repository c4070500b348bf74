export interface SandboxServerOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** One line per request (method, path, status, time); null for none. Default console.log. */
  log?: ((line: string) => void) | null;
}

export interface SandboxServer {
  /** `http://127.0.0.1:<port>`; the API base URL is this plus `/v2`. */
  url: string;
  close(): Promise<void>;
}

/** Serves the sandbox (the emulated Verify API) over HTTP. */
export function startSandboxServer(options?: SandboxServerOptions): Promise<SandboxServer>;
