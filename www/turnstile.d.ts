// For the type check of app.js (jsconfig.json): what Cloudflare's Turnstile script adds to the page.
interface Window {
  turnstile?: {
    render(container: HTMLElement, options: { sitekey: string }): string;
    getResponse(widget: string): string | undefined;
    reset(widget: string): void;
  };
}
